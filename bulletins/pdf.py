"""PDF rendering with reportlab (A4, embedded CJK font, charts as images).

Every string taken from the content is XML-escaped before it reaches a reportlab ``Paragraph``
(which would otherwise read ``<b>``, ``<font>``, ``<a>`` ... as markup), so it appears as literal text.
The PDF is built with reportlab's ``invariant`` mode: the same content gives the same bytes.
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

from . import formatting
from .fonts import PDF_FALLBACK_FONT, pdf_font
from .labels import BREAKDOWN_DIMENSIONS, DIMENSION_LABELS, UI
from .pdf_charts import breakdown_drawing, trend_drawing

NAVY = "#1f3a5f"
ACCENT = "#c0392b"
GREEN = "#1e8449"
GREY = "#5d6d7e"
LINE = "#d9e1ea"
LIGHT = "#eef2f6"
STATUS_COLORS = {"NEW": ACCENT, "GROWING": "#e67e22", "STABLE": NAVY, "FADING": "#95a5a6"}
DELTA_COLORS = {"up": ACCENT, "down": GREEN, "flat": GREY}

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def esc(value: object) -> str:
    """Escape a value for a reportlab Paragraph (``&``, ``<``, ``>`` and quotes)."""
    return escape(str(value), {'"': "&quot;", "'": "&#39;"})


class _Styles:
    def __init__(self, lang: str):
        from reportlab.lib.styles import ParagraphStyle

        self.font = font = pdf_font()
        wrap = "CJK" if lang == "zh" else None

        def style(name: str, **kw) -> ParagraphStyle:
            base = {"fontName": font, "fontSize": 9, "leading": 13, "textColor": "#1c2833"}
            if wrap:
                base["wordWrap"] = wrap
            base.update(kw)
            return ParagraphStyle(name, **base)

        self.body = style("body")
        self.body_cjk = style("body_cjk", wordWrap="CJK")
        self.small = style("small", fontSize=7.5, leading=10, textColor=GREY)
        self.small_cjk = style("small_cjk", fontSize=7.5, leading=10, textColor=GREY, wordWrap="CJK")
        self.h1 = style("h1", fontSize=20, leading=25, textColor="#ffffff")
        self.masthead = style("masthead", fontSize=9, leading=13, textColor="#ffffff")
        self.h2 = style(
            "h2", fontSize=13, leading=17, textColor=NAVY, spaceBefore=10, spaceAfter=4, keepWithNext=1
        )
        self.h3 = style(
            "h3", fontSize=10.5, leading=14, textColor=NAVY, spaceBefore=6, spaceAfter=2, keepWithNext=1
        )
        self.kpi_value = style("kpi", fontSize=17, leading=21, textColor=NAVY)
        self.cell = style("cell", fontSize=8, leading=10.5)
        self.cell_right = style("cell_r", fontSize=8, leading=10.5, alignment=2)
        self.cell_head = style("cell_h", fontSize=8, leading=10.5, textColor=GREY)
        self.cell_head_right = style("cell_hr", fontSize=8, leading=10.5, textColor=GREY, alignment=2)
        self.label = style("label", fontSize=10.5, leading=14, wordWrap="CJK")
        self.quote = style("quote", fontSize=8.5, leading=12, textColor="#34495e", wordWrap="CJK")
        self.bullet = style("bullet", leftIndent=10, bulletIndent=0)

    def user(self, text: object, style=None):
        """A Paragraph for user-supplied text: escaped, CJK wrapping if the text holds CJK."""
        from reportlab.platypus import Paragraph

        text = str(text)
        chosen = style or (self.body_cjk if _CJK.search(text) else self.body)
        return Paragraph(esc(text), chosen)


def _sparkline(sizes: list[dict]):
    from reportlab.graphics.shapes import Circle, Drawing, PolyLine

    points = formatting.sparkline_points(sizes, width=70, height=16)
    drawing = Drawing(76, 16)
    if points:
        flat = [v for x, y in points for v in (x + 3, 16 - y)]
        drawing.add(PolyLine(flat, strokeColor=_color(NAVY), strokeWidth=1.2))
        x, y = points[-1]
        drawing.add(Circle(x + 3, 16 - y, 1.8, fillColor=_color(ACCENT), strokeColor=None))
    return drawing


def _color(hex_value: str):
    from reportlab.lib.colors import HexColor

    return HexColor(hex_value)


def _image(png: bytes, width: float):
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image

    reader = ImageReader(io.BytesIO(png))
    w, h = reader.getSize()
    return Image(io.BytesIO(png), width=width, height=width * h / w)


def _header_footer(content: dict, lang: str, font: str):
    ui = UI[lang]

    def draw(canvas, doc):
        from reportlab.lib.pagesizes import A4

        width, _ = A4
        canvas.saveState()
        canvas.setFont(font, 7.5)
        canvas.setFillColor(_color(GREY))
        canvas.drawString(doc.leftMargin, 12 * 2.835, f"RiskHub · {ui['title']} · {content['period']['id']}")
        canvas.drawRightString(width - doc.rightMargin, 12 * 2.835, ui["page"].format(page=doc.page))
        canvas.drawCentredString(width / 2, 7 * 2.835, ui["distribution"])
        canvas.setStrokeColor(_color(LINE))
        canvas.line(doc.leftMargin, 15 * 2.835, width - doc.rightMargin, 15 * 2.835)
        canvas.restoreState()

    return draw


def _kpis(content: dict, lang: str, st: _Styles, width: float):
    from reportlab.platypus import Paragraph, Table, TableStyle

    ui = UI[lang]
    cells = []
    for key, money in (("cases", False), ("amount_total", True), ("members", False)):
        m = content["headline"][key]
        value = formatting.fmt_money(m["value"], lang) if money else formatting.fmt_int(m["value"])
        if money:
            value += f" {content['currency']}"
        lines = [Paragraph(esc(ui[key]), st.small), Paragraph(esc(value), st.kpi_value)]
        for label, pct, change in (
            (ui["vs_previous"], m["change_previous_pct"], m["change_previous"]),
            (ui["vs_mean"], m["change_mean_4w_pct"], m["change_mean_4w"]),
        ):
            text, css = formatting.delta_parts(pct, change, money, lang)
            lines.append(
                Paragraph(f'{esc(label)}: <font color="{DELTA_COLORS[css]}">{esc(text)}</font>', st.cell)
            )
        cells.append(lines)
    table = Table([cells], colWidths=[width / 3] * 3)
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (0, 0), 0.6, _color(LINE)),
                ("BOX", (1, 0), (1, 0), 0.6, _color(LINE)),
                ("BOX", (2, 0), (2, 0), 0.6, _color(LINE)),
                ("LINEABOVE", (0, 0), (-1, 0), 3, _color(NAVY)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 7),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _pattern_block(p: dict, lang: str, st: _Styles, width: float):
    from reportlab.platypus import KeepTogether, Paragraph, Table, TableStyle

    ui = UI[lang]
    color = STATUS_COLORS[p["status"]]
    badge = Paragraph(f'<font color="#ffffff">{esc(p["status_label"][lang])}</font>', st.cell)
    head = Table(
        [[badge, st.user(p["label"] or ui["na"], st.label), Paragraph(esc(p["pattern_id"]), st.small_cjk)]],
        colWidths=[width * 0.13, width * 0.67, width * 0.2],
    )
    head.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (0, 0), _color(color)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (2, 0), (2, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    fraud = p["fraud_type_label"][lang] if p["fraud_type_label"] else (p["fraud_type"] or ui["na"])
    size = formatting.fmt_int(p["size"])
    if p["change_previous"] is not None:
        size += f" ({p['change_previous']:+,d})"
    feedback = f"{ui['seen']} {p['feedback']['seen']} · {ui['not_relevant']} {p['feedback']['not_relevant']}"
    facts = Table(
        [
            [
                Paragraph(esc(ui["fraud_type"]), st.cell_head),
                st.user(fraud, st.cell),
                Paragraph(esc(ui["size"]), st.cell_head),
                Paragraph(esc(size), st.cell),
                Paragraph(esc(ui["size_trend"]), st.cell_head),
                _sparkline(p["sizes"]),
            ],
            [
                Paragraph(esc(ui["members"]), st.cell_head),
                Paragraph(esc(formatting.fmt_int(p["members"])), st.cell),
                Paragraph(esc(ui["amount_band"]), st.cell_head),
                Paragraph(esc(formatting.fmt_band(p["amount_band"], lang)), st.cell),
                Paragraph(esc(ui["feedback"]), st.cell_head),
                Paragraph(esc(feedback), st.cell),
            ],
        ],
        colWidths=[width * f for f in (0.13, 0.22, 0.13, 0.14, 0.13, 0.25)],
    )
    facts.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 5)]))
    rows = [[head], [facts]]
    if p["keywords"]:
        words = "  ·  ".join(esc(w) for w in p["keywords"])
        rows.append([Paragraph(f'<font color="{GREY}">{esc(ui["keywords"])}:</font> {words}', st.body_cjk)])
    if p["excerpt"]:
        rows.append(
            [Paragraph(f'<font color="{GREY}">{esc(ui["excerpt"])}:</font> {esc(p["excerpt"])}', st.quote)]
        )
    block = Table(rows, colWidths=[width])
    block.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, _color(LINE)),
                ("LINEBEFORE", (0, 0), (0, -1), 4, _color(color)),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    from reportlab.platypus import Spacer

    return KeepTogether([block, Spacer(1, 6)])


def _pattern_table(patterns: list[dict], lang: str, st: _Styles, width: float):
    from reportlab.platypus import Paragraph, Table

    ui = UI[lang]
    head = [
        ui["status"],
        ui["pattern"],
        ui["fraud_type"],
        ui["size"],
        ui["change"],
        ui["members_short"],
        ui["amount_band"],
    ]
    rows = [
        [
            Paragraph(esc(h), st.cell_head_right if n in (3, 4, 5) else st.cell_head)
            for n, h in enumerate(head)
        ]
    ]
    for p in patterns:
        fraud = p["fraud_type_label"][lang] if p["fraud_type_label"] else (p["fraud_type"] or ui["na"])
        change = "—" if p["change_previous"] is None else f"{p['change_previous']:+,d}"
        rows.append(
            [
                Paragraph(
                    f'<font color="{STATUS_COLORS[p["status"]]}">{esc(p["status_label"][lang])}</font>',
                    st.cell,
                ),
                Paragraph(
                    f'{esc(p["label"] or ui["na"])} <font color="{GREY}" size="6.5">'
                    f"{esc(p['pattern_id'])}</font>",
                    st.body_cjk if lang == "zh" else st.cell,
                ),
                st.user(fraud, st.cell),
                Paragraph(formatting.fmt_int(p["size"]), st.cell_right),
                Paragraph(esc(change), st.cell_right),
                Paragraph(formatting.fmt_int(p["members"]), st.cell_right),
                Paragraph(esc(formatting.fmt_band(p["amount_band"], lang)), st.cell),
            ]
        )
    table = Table(rows, colWidths=[width * f for f in (0.09, 0.3, 0.17, 0.1, 0.1, 0.08, 0.16)], repeatRows=1)
    table.setStyle(_grid_style())
    return table


def _grid_style(header: bool = True):
    from reportlab.platypus import TableStyle

    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, _color(LINE)),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, _color(NAVY)))
    return TableStyle(commands)


def _breakdown(
    content: dict,
    dim: str,
    lang: str,
    st: _Styles,
    charts: dict[str, bytes] | None,
    width: float,
    heading=None,
):
    from reportlab.platypus import KeepTogether, Paragraph, Table

    ui = UI[lang]
    block = content["breakdowns"][dim]
    rows = [
        [
            Paragraph(esc(ui["key"]), st.cell_head),
            Paragraph(esc(ui["cases"]), st.cell_head_right),
            Paragraph(esc(ui["share"]), st.cell_head_right),
            Paragraph(esc(ui["amount"]), st.cell_head_right),
            Paragraph(esc(ui["members_short"]), st.cell_head_right),
        ]
    ]
    shown, more = formatting.table_rows(block)
    for r in shown:
        rows.append(
            [
                st.user(r["label"][lang], st.cell),
                Paragraph(formatting.fmt_int(r["cases"]), st.cell_right),
                Paragraph("—" if r["share_pct"] is None else f"{r['share_pct']:.1f}%", st.cell_right),
                Paragraph(esc(formatting.fmt_money(r["amount"], lang)), st.cell_right),
                Paragraph(str(r["members"]), st.cell_right),
            ]
        )
    if more:
        rows.append(
            [
                Paragraph(esc(ui["more_rows"].format(rows=more["rows"])), st.small_cjk),
                Paragraph(formatting.fmt_int(more["cases"]), st.cell_right),
                Paragraph("—" if more["share_pct"] is None else f"{more['share_pct']:.1f}%", st.cell_right),
                Paragraph(esc(formatting.fmt_money(more["amount"], lang)), st.cell_right),
                Paragraph(esc(ui["na"]), st.cell_right),
            ]
        )
    hidden = block["suppressed"]
    if hidden["rows"]:
        rows.append(
            [
                Paragraph(
                    esc(ui["suppressed_rows"].format(rows=hidden["rows"], k=content["k"])), st.small_cjk
                ),
                Paragraph(formatting.fmt_int(hidden["cases"]), st.cell_right),
                Paragraph(
                    "—" if hidden["share_pct"] is None else f"{hidden['share_pct']:.1f}%", st.cell_right
                ),
                Paragraph(esc(formatting.fmt_money(hidden["amount"], lang)), st.cell_right),
                Paragraph(esc(f"<{content['k']}"), st.cell_right),
            ]
        )
    table_width = width * 0.56
    table = Table(rows, colWidths=[table_width * f for f in (0.38, 0.15, 0.14, 0.19, 0.14)], repeatRows=1)
    table.setStyle(_grid_style())
    parts = ([heading] if heading is not None else []) + [Paragraph(esc(DIMENSION_LABELS[dim][lang]), st.h3)]
    if charts is None:
        chart = breakdown_drawing(content, dim, lang, st.font, width * 0.42)
    else:
        chart = _image(charts[dim], width * 0.42) if charts.get(dim) else None
    if chart is not None:
        side = Table([[chart, table]], colWidths=[width * 0.44, width * 0.56])
        side.setStyle(_grid_style(header=False))
        parts.append(side)
    else:
        parts.append(table)
    return KeepTogether(parts)


def render_pdf(content: dict, lang: str = "zh", *, charts: dict[str, bytes] | None = None) -> bytes:
    """Render the bulletin as an A4 PDF with the CJK font embedded.

    :param content: the result of :func:`bulletins.build_content`.
    :param lang: ``"zh"`` or ``"en"``.
    :param charts: PNG charts from :func:`bulletins.render_charts` to embed instead of the default
        vector charts (drawn with reportlab graphics: sharper in print and much smaller).
    :returns: the PDF bytes (identical for identical content).
    """
    if lang not in UI:
        raise ValueError("lang must be 'zh' or 'en'")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    ui = UI[lang]
    st = _Styles(lang)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=14 * mm,
        bottomMargin=20 * mm,
        title=content["title"][lang],
        author="RiskHub",
        subject=f"{ui['title']} {content['period']['id']}",
        creator="RiskHub bulletins",
        lang="zh-CN" if lang == "zh" else "en",
        invariant=1,
    )
    width = doc.width
    story: list = []

    masthead = Table(
        [
            [Paragraph(esc(f"RISKHUB · {ui['subtitle']}"), st.masthead)],
            [Paragraph(esc(ui["title"]), st.h1)],
            [
                Paragraph(
                    esc(
                        f"{formatting.week_title(content, lang)} · {content['period']['start']} – "
                        f"{content['period']['end']} · {content['period']['timezone']}"
                    ),
                    st.masthead,
                )
            ],
            [
                Paragraph(
                    esc(f"{ui['generated_at']}: {formatting.fmt_datetime(content['generated_at'], lang)}"),
                    st.masthead,
                )
            ],
        ],
        colWidths=[width],
    )
    masthead.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), _color(NAVY)),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
                ("TOPPADDING", (0, 0), (0, 0), 10),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
            ]
        )
    )
    notice = Table([[Paragraph(esc(ui["distribution"]), st.cell)]], colWidths=[width])
    notice.setStyle(
        TableStyle(
            [("BACKGROUND", (0, 0), (-1, -1), _color("#f9e79f")), ("LEFTPADDING", (0, 0), (-1, -1), 12)]
        )
    )
    story += [masthead, notice, Spacer(1, 4)]

    story.append(Paragraph(esc(ui["summary"]), st.h2))
    story.append(_kpis(content, lang, st, width))
    story.append(Paragraph(esc(ui["highlights"]), st.h3))
    for line in content["highlights"][lang]:
        story.append(Paragraph(esc(line), st.bullet, bulletText="•"))
    if charts is None:
        story += [Spacer(1, 6), trend_drawing(content, lang, st.font, width)]
    elif charts.get("trend"):
        story += [Spacer(1, 4), _image(charts["trend"], width * 0.92)]

    story.append(Paragraph(esc(ui["patterns"]), st.h2))
    story.append(Paragraph(esc(ui["patterns_intro"]), st.small))
    story.append(Spacer(1, 4))
    detailed = [p for p in content["patterns"] if p["status"] in formatting.DETAILED_STATUSES]
    others = [p for p in content["patterns"] if p["status"] not in formatting.DETAILED_STATUSES]
    for p in detailed:
        story.append(_pattern_block(p, lang, st, width))
    if others:
        story.append(Paragraph(esc(ui["other_patterns"]), st.h3))
        story.append(_pattern_table(others, lang, st, width))
    if not content["patterns"]:
        story.append(Paragraph(esc(ui["no_patterns"]), st.body))
    summary = content["patterns_summary"]
    if summary["suppressed"]:
        text = ui["suppressed_patterns"].format(
            count=summary["suppressed"], cases=summary["suppressed_cases"], k=content["k"]
        )
        story.append(Paragraph(esc(text), st.small_cjk))

    for n, dim in enumerate(BREAKDOWN_DIMENSIONS):
        # the section heading travels with its first chart, never alone at a page bottom
        heading = Paragraph(esc(ui["breakdowns"]), st.h2) if n == 0 else None
        story.append(_breakdown(content, dim, lang, st, charts, width, heading=heading))

    story.append(Paragraph(esc(ui["indicators"]), st.h2))
    story.append(Paragraph(esc(ui["indicators_intro"]), st.small_cjk))
    if content["indicators"]:
        head = [ui["kind"], ui["token"], ui["cases"], ui["members_short"], ui["first_seen"], ui["last_seen"]]
        rows = [
            [
                Paragraph(esc(h), st.cell_head_right if n in (2, 3) else st.cell_head)
                for n, h in enumerate(head)
            ]
        ]
        for i in content["indicators"]:
            rows.append(
                [
                    Paragraph(esc(i["kind_label"][lang]), st.cell),
                    Paragraph(esc(i["token"]), st.small_cjk),
                    Paragraph(formatting.fmt_int(i["cases"]), st.cell_right),
                    Paragraph(str(i["members"]), st.cell_right),
                    Paragraph(esc(i["first_seen"]), st.cell),
                    Paragraph(esc(i["last_seen"]), st.cell),
                ]
            )
        table = Table(rows, colWidths=[width * f for f in (0.14, 0.38, 0.1, 0.1, 0.14, 0.14)], repeatRows=1)
        table.setStyle(_grid_style())
        story.append(table)
        if content["indicators_summary"]["not_listed"]:
            more = ui["more_indicators"].format(count=content["indicators_summary"]["not_listed"])
            story.append(Paragraph(esc(more), st.small))
    else:
        story.append(Paragraph(esc(ui["no_indicators"]), st.body))

    story.append(Paragraph(esc(ui["actions"]), st.h2))
    for a in content["actions"]:
        story.append(Paragraph(esc(a["label"][lang]), st.h3))
        for line in a["actions"][lang]:
            story.append(Paragraph(esc(line), st.bullet, bulletText="•"))

    story.append(Paragraph(esc(ui["methodology"]), st.h2))
    for n, line in enumerate(content["methodology"][lang], start=1):
        story.append(Paragraph(esc(line), st.bullet, bulletText=f"{n}."))

    story.append(Paragraph(esc(ui["chain"]), st.h2))
    previous = content["previous_digest"]
    story.append(Paragraph(esc(f"{ui['previous_digest']}:"), st.small))
    story.append(Paragraph(esc(previous) if previous else esc(ui["first_bulletin"]), st.small_cjk))
    story.append(Paragraph(esc(f"RiskHub · {content['period']['id']} · k = {content['k']}"), st.small))
    if st.font == PDF_FALLBACK_FONT:
        story.append(Paragraph("Font: STSong-Light (not embedded)", st.small))

    decorate = _header_footer(content, lang, st.font)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()

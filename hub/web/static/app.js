/* RiskHub pages: the little JavaScript the pages need. Every text from the server is set with
   textContent (never innerHTML), so nothing it holds can become markup. */
(function () {
  "use strict";
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

  /* confirm before destructive forms */
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  });

  /* live "what will be stored" preview of a narrative */
  var narrative = document.getElementById("narrative");
  var previewText = document.getElementById("preview-text");
  if (narrative && previewText) {
    var status = document.getElementById("preview-status");
    var timer = null, seq = 0;
    var render = function (data) {
      previewText.textContent = "";
      (data.segments || []).forEach(function (s) {
        var node = document.createElement(s.kind ? "mark" : "span");
        if (s.kind) { node.className = "m-" + s.kind; node.title = s.label || ""; }
        node.textContent = s.text;
        previewText.appendChild(node);
      });
      status.textContent = (data.findings || []).length + " × " + status.getAttribute("data-replaced") +
        ((data.residual_warnings || []).length ? " · " + data.residual_warnings.length + " × " + status.getAttribute("data-residual") : "");
    };
    status.setAttribute("data-replaced", document.documentElement.lang === "en" ? "replaced" : "处已替换");
    status.setAttribute("data-residual", document.documentElement.lang === "en" ? "residual warning(s)" : "处残留提示");
    var ask = function () {
      var text = narrative.value;
      if (!text.trim()) { previewText.textContent = ""; return; }
      var mine = ++seq;
      fetch(narrative.getAttribute("data-preview-url"), {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify({ narrative: text })
      }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
        if (data && mine === seq) render(data);
      }).catch(function () {});
    };
    narrative.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, 400); });
    if (narrative.value.trim()) ask();
  }

  /* bulk upload with a progress bar; the answer page's result replaces the form area */
  var bulk = document.getElementById("bulk-form");
  if (bulk && window.XMLHttpRequest && window.DOMParser) {
    bulk.addEventListener("submit", function (event) {
      event.preventDefault();
      var box = document.getElementById("bulk-progress"), bar = document.getElementById("bulk-bar");
      var label = document.getElementById("bulk-progress-text");
      var en = document.documentElement.lang === "en";
      box.hidden = false; document.getElementById("bulk-submit").disabled = true;
      var xhr = new XMLHttpRequest();
      xhr.open("POST", bulk.action);
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); label.textContent = (en ? "uploading " : "上传中 ") + bar.value + "%"; }
      });
      xhr.upload.addEventListener("load", function () {
        bar.removeAttribute("value"); label.textContent = en ? "anonymizing and storing…" : "正在匿名化并保存…";
      });
      xhr.addEventListener("load", function () {
        var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
        var fresh = doc.getElementById("bulk-area");
        if (fresh) { document.getElementById("bulk-area").replaceWith(document.importNode(fresh, true)); }
        else { label.textContent = (en ? "failed: HTTP " : "失败：HTTP ") + xhr.status; document.getElementById("bulk-submit").disabled = false; }
      });
      xhr.addEventListener("error", function () { label.textContent = en ? "network error" : "网络错误"; });
      xhr.send(new FormData(bulk));
    });
  }

  /* redact further: selecting text in the narrative fills the spans field with offsets */
  var review = document.getElementById("review-narrative");
  var spans = document.getElementById("redact-spans");
  if (review && spans) {
    var offset = function (node, within) {
      var el = node.nodeType === 3 ? node.parentNode : node;
      if (!review.contains(el) || el === review) return null;
      return parseInt(el.getAttribute("data-start"), 10) + within;
    };
    document.addEventListener("selectionchange", function () {
      var sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
      var range = sel.getRangeAt(0);
      var start = offset(range.startContainer, range.startContainer.nodeType === 3 ? range.startOffset : 0);
      var end = offset(range.endContainer, range.endContainer.nodeType === 3 ? range.endOffset : 0);
      if (start === null || end === null || end <= start) return;
      spans.value = start + "-" + end;
      document.getElementById("redact-selection").textContent = "“" + sel.toString().slice(0, 60) + "”";
    });
  }
})();

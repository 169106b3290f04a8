"""Chinese PERSON and ADDRESS: names and addresses without the cues the templates give (issue 3).

Every rule of the statistical name scorer and of the address chain has positives and negatives here;
the values are invented (Faker-style names, made-up streets).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from anonymizer.recognizers.cn.cn_address_recognizer import CnAddressRecognizer
from anonymizer.recognizers.cn.cn_person_recognizer import CnPersonRecognizer

from .assertions import assert_spans, engine_values

PERSON = CnPersonRecognizer()
ADDRESS = CnAddressRecognizer()


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # no role cue: the characters and the word after carry the evidence
        ("张伟接到电话后立即报警", ["张伟"]),
        ("郭秀兰表示对方自称银行客服", ["郭秀兰"]),
        ("当天下午，孙建华来到营业厅", ["孙建华"]),
        ("本案由程浩负责跟进", ["程浩"]),
        # lists, labels, forms and chat speakers
        ("涉案人员杨帆、吴昊天、郑雨萱三人结伙", ["杨帆", "吴昊天", "郑雨萱"]),
        ("经办人：刘洋", ["刘洋"]),
        ("冒用人：许军 · 冒用证件：身份证", ["许军"]),
        ("联系人 陈静 13800138000", ["陈静"]),
        ("受害人：嗯\n熊建：急用钱，帮我转一下", ["熊建"]),
        ("9-7835-7205 司徒欢\u3000159-2065", ["司徒欢"]),
        # titles after a full name
        ("李建国书记表示", ["李建国"]),
        ("据谢婉婷律师介绍", ["谢婉婷"]),
        # traditional characters, compound surnames, names without surname
        ("您好，我是黃麗娟，之前跟您联系过", ["黃麗娟"]),
        ("澹台博多次在凌晨取现", ["澹台博"]),
        ("扎西次仁，男，1997年生", ["扎西次仁"]),
        ("短信内容：“央金拉姆您好，您申请的", ["央金拉姆"]),
        # transliterated names with a middle dot, cut at cues, verbs and function characters
        ("结识自称买买提·艾力的男子", ["买买提·艾力"]),
        ("受害人玛丽亚·加西亚称，6月", ["玛丽亚·加西亚"]),
        ("快递面单信息：玉素甫·托合提 18111874427", ["玉素甫·托合提"]),
        ("对接人阿不都·艾力确认出席", ["阿不都·艾力"]),
        # 3-character names are preferred unless the last character starts a word
        ("经理王强强调，所有交易", ["王强"]),
        ("客户张桂花输入了验证码", ["张桂花"]),
    ],
)
def test_zh_person_found(text, values):
    assert_spans(PERSON, text, *values)


@pytest.mark.parametrize(
    "text",
    [
        "他对这次服务非常满意",  # 常满 cuts 非常 / 满意
        "公司成立于1984年",  # 成立 is a word
        "俄罗斯总统访问",  # 罗斯 sits inside 俄罗斯
        "周末和朋友一起去",  # 和 + an ordinary word
        "他于凌晨两点离开",  # 于 + an ordinary word
        "于商户凌云科技有限公司（MID 898）消费",  # a company's short name
        "我这边有张浦发银行的卡",  # 张 is a measure word before a bank
        "@王小宝 你好",  # a user handle
        "金融街·金色漫香林开盘",  # a property name made of words
        "远洋·万和公馆",
        "王庄村3组的村民",  # a place name
        "时尚潮流，气氛很好",
        "比赛最终战平对手",
        "在阿姆斯特丹转机",  # transliterated place
        "高新区商户",
        "张某于2024年报案",  # already pseudonymised
        "您好！我是公安局的工作人员",  # a role-like cue before an ordinary word
        "由于微信被限制了支付功能",  # 由于 is a word: 于 is no surname here
        "我是您的孙子，刚刚跟别人打了架",  # a kinship word, not 孙 + 子
    ],
)
def test_zh_person_not_found(text):
    assert_spans(PERSON, text)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # the cue and its copula stay outside the address
        ("收货地址为南京市鼓楼区中山北路200号", ["南京市鼓楼区中山北路200号"]),
        # a bare room number after a building, unit or floor
        (
            "快递寄往广州天河区体育西路103号维多利广场B座2501",
            ["广州天河区体育西路103号维多利广场B座2501"],
        ),
        (
            "地址深圳市龙岗区龙岗街道南联社区龙城大道25号特丰综合楼六单元301联系人",
            ["深圳市龙岗区龙岗街道南联社区龙城大道25号特丰综合楼六单元301"],
        ),
        # a building without a suffix right before its room
        (
            "地址：北京市朝阳区朝外大街吉祥里208号民建中央239室",
            ["北京市朝阳区朝外大街吉祥里208号民建中央239室"],
        ),
        # a chain starting at a district, after a function character, without province or cue
        ("公示的武昌区余家头小区三期b座申购名单", ["武昌区余家头小区三期b座"]),
        # a province start inside a chain from a weaker start wins
        ("王府井书店北京市东城区王府井大街218号", ["北京市东城区王府井大街218号"]),
        # inside parentheses, rural chains, bare compounds, road sections
        ("王某（住长沙市岳麓区麓山南路2号）于当日报案", ["长沙市岳麓区麓山南路2号"]),
        ("他老家在湖南省邵阳县五峰铺镇大塘村", ["湖南省邵阳县五峰铺镇大塘村"]),
        ("受害人家住阳光小区5栋2单元301室", ["阳光小区5栋2单元301室"]),
        ("涉案窝点：东莞市长安镇乌沙社区兴发南路12号", ["东莞市长安镇乌沙社区兴发南路12号"]),
        ("寄送地址为重庆市文县南溪林路h座 583862。", ["重庆市文县南溪林路h座 583862"]),
    ],
)
def test_zh_address_found(text, values):
    assert_spans(ADDRESS, text, *values)


@pytest.mark.parametrize(
    "text",
    [
        "在当地一座明清古戏台举行",  # a Chinese numeral + 座 counts buildings
        "项目由十三栋住宅楼组成",
        "取道公路去珠峰",  # ordinary words, not a road name
        "有一段长达4公里的乡村公路",
        "浙江一道被列为试点",
        "客户在杭州市西湖区消费",  # a region is not an address
        "我是湖北省疾控中心的工作人员",  # an institution below a province is not a home
        "地铁直达人民广场",
    ],
)
def test_zh_address_not_found(text):
    assert_spans(ADDRESS, text)


def test_zh_name_found_once_is_found_everywhere(engine):
    text = "张伟接到电话后报警。民警联系张伟时，张伟说卡已冻结。"
    assert engine_values(engine, text, "PERSON") == ["张伟", "张伟", "张伟"]


def test_generated_name_tables_are_in_sync():
    """``python -m anonymizer.build_zh`` reproduces the shipped ``zh_names.py`` byte for byte."""
    pytest.importorskip("jieba")
    pytest.importorskip("faker")
    from anonymizer import build_zh
    from anonymizer.data import source_versions, zh_names

    installed = source_versions(*build_zh.SOURCES)
    if installed != zh_names.SOURCE_VERSIONS:  # another jieba / Faker release may list other names
        pytest.skip(f"built from {zh_names.SOURCE_VERSIONS}, installed {installed}")
    shipped = Path(build_zh.OUT).read_text("utf-8")
    assert build_zh.build() == shipped

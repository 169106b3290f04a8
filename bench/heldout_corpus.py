"""Held-out zh + en evaluation corpus for the anonymizer, written independently of ``anonymizer/corpus.py``.

Issue 3 says the anonymizer's targets will also be checked on a corpus the project does not have. This
module imitates one: fraud and card cash-out (套现) case notes as risk analysts and police write them
(report prose, call notes, WeChat / QQ / Telegram / WhatsApp transcripts, bullet lists, ``字段：值`` and
``Field: value`` forms, e-mails, SMS, mixed Chinese-English), with values drawn from Faker in several
locales and from independent generators (check digits computed, not copied). It was written without
reading the recognizers, their data files or the project's own templates, so figures on it say how well
the rules generalise.

``generate(n, seed)`` returns :class:`anonymizer.corpus.Sample` objects (alternately zh and en) whose
``spans`` hold every personal value with the entity names of :mod:`anonymizer.entities`, and whose
``negatives`` hold labelled look-alikes that must survive (amounts, dates, times, MCC, BIN, merchant and
terminal ids, order / transaction / case / reference numbers - some Luhn-valid -, hotlines, versions,
percentages, card tails, bank codes, company names). Needs Faker (a development dependency).
"""

# ruff: noqa: E501
from __future__ import annotations

import hashlib
import ipaddress
import random
import re
import string

from stdnum import luhn
from stdnum.cn import ric, uscc

from anonymizer.corpus import Sample

NEGATIVE_LABELS = (
    "AMOUNT", "DATE", "TIME", "DATETIME", "MCC", "BIN", "MERCHANT_ID", "TERMINAL_ID", "ORDER_NO", "TXN_ID",
    "CASE_NO", "REF_NO", "AUTH_CODE", "HOTLINE", "VERSION", "PERCENT", "CARD_TAIL", "BANK_CODE", "COMPANY",
)  # fmt: skip

# -- templates -----------------------------------------------------------------------------------------
# A slot is {kind} or {kind@tag}; the same tag repeats the same value. Kinds: see _Gen.SLOTS.
ZH_TEMPLATES: list[str] = [
    # police-report prose
    "{date}，报案人{name@v}（女，{dob}出生，公民身份号码{cnid}，现住{addr}）来我所报称：其名下尾号{tail}的银行卡于{dt}被他人盗刷{amt}，请求依法处理。",
    "{name@v}，男，{dob}生，汉族，户籍地{addr}，联系电话{mobile}。经查，{name@v}于{date}通过微信（{wechat}）与嫌疑人联系，先后向对方指定账户{acct}转账共计{amt}。",
    "经侦查，犯罪嫌疑人{name@s}（身份证号：{cnid}）伙同{name}、{name}在{addr}租用民房，利用{n_pos}台POS机虚构交易套取信用卡资金{amt}，涉案商户号{mid}。",
    "受害人{name}称，{date} {time}许接到自称“公安局民警”的电话（{phone}），对方称其涉嫌洗钱，要求将资金转入“安全账户”{acct}。受害人先后转账{n_tx}笔，合计{amt}。案件编号{caseno}。",
    "简要案情：{dt}，{name}在家中接到陌生来电{landline}，对方冒充{bank}客服，以“降低信用卡利率”为由诱导其在{url}填写卡号{card}、有效期及验证码，随后卡内被消费{amt}（MCC {mcc}）。",
    "{name}于{date}驾驶车牌号为{plate}的小型轿车前往{addr}，在某珠宝店内使用他人信用卡{card}刷卡消费{amt}后离开。",
    "报警人{name}（{dob}生，手机{mobile}）反映：其在QQ（{qq}）上结识网友，对方发来投资平台链接{url}，并让其下载APP（版本{version}），至今已被骗{amt}。",
    "{name}、{name}、{name}三人均为{company}员工，{date}至今先后在该公司名下POS（终端号{tid}）刷卡{n_tx}笔，单笔金额均为整数，收益率约{pct}，疑似为职业套现团伙。",
    # customer-service call notes
    "来电记录｜{dt}\n来电号码：{mobile}\n客户自称{name}，称其信用卡{card}于{time}收到短信提示消费{amt}，非本人操作。已临时冻结并登记调单，请客户后续拨打{hotline}查询进度。",
    "客服工单 {caseno}\n客户：{name}\n身份证后四位已核实\n联系方式：{phone}\n问题描述：客户反映{date}有人冒充客服来电，诱导其下载“云闪付”屏幕共享，后其卡{card_cup}被转走{amt}。已建议报警（{hotline}）。",
    "{time} 接客户{name}来电，称收到{mobile}发来的短信，内容为“您的积分即将清零，请登录{url}兑换”，点击后输入了卡号及验证码。核实其名下卡{card}于{time}发生境外交易{amt}，授权码{auth}。",
    "回访记录：已联系持卡人{name}（{mobile}），其确认{date}在{company}（商户号{mid}）的交易{amt}为本人所为，撤销争议。参考号{rrn}。",
    "客户 {name_en} 来电（外籍，护照号{passport}），讲英文，称其 Visa 卡 {card_intl} 在{date}被盗刷 {amt_en}，交易IP {ip}。已转境外组处理。",
    # chat transcripts
    "【微信聊天记录截图整理】\n对方（微信号：{wechat}）：额度提现找我，手续费{pct}，当天到账\n{name@x}：怎么操作？\n对方：把卡号、身份证号和预留手机号发我\n{name@x}：{card} {cnid} {mobile}\n对方：收到，验证码发我一下",
    "QQ群聊导出：\n[{dt}] 财务小助手({qq@q})：需要回款的老板加我微信{wechat}\n[{time}] {name}：我这边有张{bank}的卡{card_cup}额度5万，能做吗\n[{time}] 财务小助手({qq@q})：可以，费率{pct}，地址发你：{addr}",
    "Telegram 频道“跑分车队”\n@管理员：USDT收款地址 {wallet}\n@管理员：要码的私聊 {tg}\n{name}：已转 {amt_en}，订单号{order}",
    "{name@p}：在吗？我是你表哥，换了新号{mobile}\n受害人：嗯\n{name@p}：急用钱，帮我转{amt}到这个卡{card}，户名{name}，明天还你",
    "聊天记录（微信）\n客服“小李”：您好，这里是{bank}信用卡中心，您的账户存在异常\n用户：我该怎么办\n客服“小李”：请提供卡号和身份证\n用户：{card}，{cnid}\n客服“小李”：请添加我的企业微信{wechat}继续办理",
    # bullet lists
    "案件要素：\n- 持卡人：{name}\n- 身份证：{cnid}\n- 卡号：{card_cup}\n- 套现商户：{company}，商户号{mid}，终端号{tid}\n- 交易金额：{amt}，交易时间：{dt}\n- MCC：{mcc}",
    "可疑交易特征：\n1. 同一设备（IMEI {imei}）绑定{n_pos}张卡；\n2. 登录IP {ip} 与持卡人{name}常用地不符；\n3. 单日交易{n_tx}笔，成功率{pct}；\n4. 收款账户{acct}为新开户。",
    "涉案人员名单：\n{name}　{mobile}\n{name}　{mobile}\n{name}　{mobile}\n{name}　{mobile}",
    "· 冒用人：{name}\n· 冒用证件：{cnid}\n· 申请时填写单位地址：{addr}\n· 邮箱：{email}\n· 进件渠道：APP {version}",
    "串并结果\n● 设备指纹 {devfp} 关联账户 {n_pos} 个\n● MAC 地址 {mac}\n● 共用收货地址：{addr}\n● 收货人：{name}、{name}",
    # field: value forms
    "姓名：{name}\n性别：女\n证件类型：居民身份证\n证件号码：{cnid}\n出生日期：{dob}\n手机号码：{mobile}\n常住地址：{addr}\n发卡行：{bank}\n卡号：{card}",
    "商户名称：{company}\n统一社会信用代码：{uscc}\n法定代表人：{name}\n联系电话：{landline}\n对公账户：{acct}\n经营地址：{addr}\nMCC：{mcc}\n商户编号：{mid}",
    "风险事件单\n事件编号：{caseno}\n发生时间：{dt}\n涉及卡BIN：{bin}\n涉及卡号：{card}\n交易金额：{amt}\n交易流水号：{txn}\n设备IMEI：{imei}\n登录IP：{ip}",
    "【进件信息】申请人：{name}；身份证：{cnid}；生日：{dob}；单位电话：{landline}；住宅地址：{addr}；紧急联系人：{name}，手机{mobile}",
    "车辆信息：车牌{plate}，车主{name}，登记地址{addr}；该车于{dt}出现在ATM取现点附近。",
    # e-mails
    "发件人：{email}\n收件人：风险信息共享平台\n主题：关于客户{name@c}的可疑交易\n\n您好，\n附件为客户{name@c}（卡号{card}）{date}的交易明细，合计{amt}，请协助核查。如有疑问请回复本邮件或致电{landline}。\n\n{bank}风险管理部",
    "邮件摘要：对方以“跨境电商退款”为由发来邮件（发件地址{email}），附带链接{url}，要求收款人{name}提供IBAN {iban}及护照号{passport}。",
    "转发：客户{name}投诉，邮箱{email}于{dt}被异地登录（IP {ip}），随后绑定的支付宝（{alipay}）发生{n_tx}笔转账。",
    # SMS
    "【{bank}】您尾号{tail}的信用卡于{dt}消费{amt}，如非本人操作请致电{hotline}。",
    "【ETC服务】尊敬的车主，您的ETC认证已失效，请于今日登录 {url} 重新认证，逾期将影响通行。退订回T",
    "短信内容：“{name}您好，您申请的{amt}贷款已审批，请添加客服QQ {qq} 办理放款，工号8856。”发送号码：{phone}",
    "您好，我是{name}，之前跟您联系过的，卡已经办好了，寄到{addr}，收件人{name}，电话{mobile}。",
    # mixed Chinese-English
    "Case {caseno}：客户 {name_en}（Passport {passport}）于{date}在境外网站{url}用卡{card_intl}消费{amt_en}，device IMEI {imei}，IP {ip}。",
    "跨境套现：持卡人{name}（pinyin: {name_py}）在{date}于商户{company}（MID {mid}）刷卡，款项经IBAN {iban}汇往境外，联系人WhatsApp {phone_intl}。",
    "Chargeback 调查：cardholder {name}，card {card}，ARN {rrn}，disputed amount {amt}，merchant MCC {mcc}，App version {version}。",
    "嫌疑人以OTC换汇为名，让{name}把USDT转到TRC20地址{wallet}，对方Telegram {tg}，email {email}。",
    # names at sentence start / no cue, compound and minority names
    "{name_cc}多次在凌晨{time}前后通过{ip}登录网银，向{acct}转账，单笔{amt}。",
    "{name_minor}于{date}在{addr}的ATM机上取现{amt}，所用卡片{card}为他人挂失卡。",
    "{name}说卡是{name@o}借给他的，{name@o}本人并不知情，卡号{card_cup}。",
    "{name}、{name_cc}与{name_minor}共用同一手机号{mobile}注册多个支付账户，其中一个绑定邮箱{email}。",
    "{name}将名下{n_pos}张银行卡以每张{amt}的价格出售给{name}，后者通过抖音号{douyin}招揽“跑分”人员。",
    "据{name}交代，其上家{name}（微信{wechat}）负责提供POS机，下家负责在{addr}一带收卡。",
    "同日，{name}又使用身份证{cnid}在{bank}申请了一张信用卡，预留电话{mobile}，地址填写为{addr}。",
    "资金流向：{card} → {acct} → 钱包{wallet}，经手人{name}、{name}，交易单号{txn}、{order}。",
    "快递面单信息：{name} {mobile} {addr}（寄件人{name}，{landline}）",
    "联系人{name}{mobile}，卡已邮寄，快递单号{order}，收到后请联系{name}确认。",
    "客户{name}（英文名 {name_en}）称其在{url}购物后，卡{card}被扣款{amt}，当时登录设备MAC为{mac}，IP {ip}。",
]

EN_TEMPLATES: list[str] = [
    # police-report prose
    "On {date_en} at approximately {time}, the complainant, {name@v} (DOB {dob_en}), of {addr}, reported that her debit card ending in {tail} had been used without authorisation for {amt_en}. Case number {caseno}.",
    "Officers met with {name@o} at {addr}. {name@o} stated that a man who called from {phone} and identified himself as a bank investigator persuaded him to read out the one-time code sent to his card {card}.",
    "The suspect, {name@s}, born {dob_en}, was stopped in a vehicle registered under plate {plate_us}. A search found {n_pos} cloned cards, including {card} and {card}, and a handwritten note listing {mobile}.",
    "Victim {name} advised she was contacted on WhatsApp by {phone_intl}, who offered a work-from-home task scheme. She transferred {amt_en} in {n_tx} payments to account {acct} before realising it was a scam.",
    "{name} reported that his elderly mother, {name}, had been visited at {addr} by a man claiming to be from the bank's fraud team, who collected her card {card} and PIN.",
    "Summary: between {date_en} and {date_en}, {name} and {name} used stolen identities to open {n_pos} accounts. Passport {passport} and e-mail {email} were used on every application.",
    # customer-service call notes
    "Call note {dt_en}: caller verified as {name}, callback number {phone}. Disputes {n_tx} transactions on card {card}, MCC {mcc}, total {amt_en}. Card blocked, replacement ordered to {addr}.",
    "Inbound call from {phone}. Customer {name} says she never received card {card}; the activation was done from IP {ip} using device {devfp}. Escalated to fraud, ref {rrn}.",
    "Spoke with {name} re: chargeback on {card}. Merchant {company} (MID {mid}, TID {tid}) says the goods were delivered to {addr}. Customer denies. Auth code {auth}, amount {amt_en}.",
    "Agent notes: cust called {hotline} after receiving text from {mobile} about a locked account; clicked {url} and entered card {card}. Card cancelled. Advised to report to police.",
    "CSR log {time}: {name} called to update her mailing address to {addr} and her phone to {phone}. Two minutes later a $1 test charge hit card {card}. Flagged as possible ATO.",
    # chat transcripts
    "WhatsApp export\n[{date_en}, {time}] {name_lower@u}: hey it's me, lost my phone, this is my new number {phone}\n[{date_en}, {time}] Mum: oh no!\n[{date_en}, {time}] {name_lower@u}: can u send {amt_en} to my mate's account {acct}, will pay u back tomorrow",
    "Telegram chat with @support_desk\nsupport_desk: send your wallet so we can release the profit\n{name_lower@u}: {wallet}\nsupport_desk: withdrawal fee is {pct}, pay to {wallet}\n{name_lower@u}: ok sent {amt_en}",
    "[{time}] {name_first@b}: hi, is the iphone still available?\n[{time}] seller: yes, pay via zelle to {email}\n[{time}] {name_first@b}: my card is {card}, can I pay with that?\n[{time}] seller: ok send exp and cvv",
    "chat transcript (live agent)\nvisitor: hi my name is {name_lower}\nagent: hello, how can I help?\nvisitor: someone used my card {card} on {url}\nagent: please confirm your phone\nvisitor: {phone}",
    "IG DM thread: {tg} promised crypto returns of {pct}; {name} sent {amt_en} to {wallet} and later to IBAN {iban}.",
    "WeChat (translated): {name} asked the victim to add WeChat ID {wechat} and to pay the 'unfreezing fee' of {amt_en} by card {card_cup}.",
    # bullet lists
    "Indicators:\n- Cardholder: {name}\n- Card: {card}\n- BIN: {bin}\n- Device IMEI: {imei}\n- IP: {ip}\n- Amount: {amt_en}\n- Date: {dt_en}",
    "Linked accounts:\n* {name} - {email} - {phone}\n* {name} - {email} - {phone}\n* {name} - {email} - {phone}",
    "Mule network summary\n1. {name}, acct {acct}, sort code {sortcode}\n2. {name}, IBAN {iban}\n3. {name}, routing {routing}, account {acct}\nTotal moved: {amt_en} ({pct} of inflows)",
    "Red flags for {name}:\n- new device {mac} seen with {n_pos} other customers\n- login from {ip}\n- shipping address {addr} differs from billing\n- app version {version}",
    "Devices seen on the ring: {imei}; {imei}; {mac}; {devfp}. Accounts: {email}, {email}.",
    # field: value forms
    "Name: {name}\nDate of Birth: {dob_en}\nAddress: {addr}\nPhone: {phone}\nEmail: {email}\nCard Number: {card}\nPassport No.: {passport}",
    "Applicant: {name}\nSSN: withheld\nHome address: {addr}\nMobile: {phone}\nEmployer: {company}\nIncome: {amt_en}\nIP at submission: {ip}",
    "Merchant: {company}\nMerchant ID: {mid}\nTerminal ID: {tid}\nMCC: {mcc}\nOwner: {name}\nBusiness address: {addr}\nSettlement IBAN: {iban}\nWebsite: {url}",
    "Incident: {caseno}\nReported: {dt_en}\nTransaction ID: {txn}\nOrder #: {order}\nCard: {card}\nAmount: {amt_en}\nCustomer: {name}\nDevice: {devfp}",
    "Beneficiary name: {name}\nBeneficiary account: {acct}\nBank address: {addr}\nReference: {rrn}\nPurpose: investment",
    # e-mails
    "From: {email}\nTo: fraud-ops\nSubject: suspicious refund request\n\nHi team,\nCustomer {name@c} ({email}) requested a refund of {amt_en} to a card that is not hers, {card}. She lives at {addr}. Can you check?\nThanks,\n{name}",
    "Dear {name_first},\nWe detected unusual activity on your account. Please verify your details at {url} within 24 hours or your card ending {tail} will be suspended.\nCustomer Service\n{hotline}",
    "Email from the fraudster ({email}): 'Mr {name}, your parcel is held at customs. Pay {amt_en} to {iban} or call {phone_intl}.'",
    "Hi {name_first}, following our call, the new payee {name} with account {acct} has been added. If this was not you, call us on {hotline}. Regards, {name}",
    # SMS
    "SMS from {phone}: 'USPS: your package could not be delivered, update your address at {url}'. {name} entered card {card} on the page.",
    "Text received {dt_en}: 'Bank alert: a payment of {amt_en} to {name} was attempted. If not you reply NO or call {hotline}.' Sender {mobile}.",
    "SMS: 'Hi mum its {name_first}, new number, pls save it {phone}'.",
    # names with no cue, lists, foreign names
    "{name} opened the account on {date_en} and closed it {n_tx} days later after receiving {amt_en} from {name}.",
    "{name}, {name} and {name} all used the same device ({imei}) and the same shipping address, {addr}.",
    "{name_foreign} and {name_foreign} are listed as directors of {company}; payments were routed to IBAN {iban}.",
    "{name_py} (Chinese national, passport {passport}) withdrew {amt_en} at an ATM at {addr}.",
    "Card {card} was registered to {name_foreign}, {addr_foreign}; the phone on file was {phone_intl}.",
    "{name} sent the cards by courier to {addr}; the tracking e-mail went to {email} and the parcel was signed for by {name}.",
    "Investigators linked {name} to the crypto wallet {wallet} and to the domain {url}; the server was at {ip}.",
    "{name}'s husband, {name}, says he did not authorise the transfer of {amt_en} from account {acct}.",
    "The caller gave her name as {name}, her date of birth as {dob_en} and her home address as {addr}.",
    "Chinese national {name_py}, ID card {cnid}, arrived on {date_en}; her company (USCC {uscc}) received {amt_en} from {name}.",
    "Cash-out shop: {company}, registered in Shenzhen under USCC {uscc}, legal rep {name}, tel {phone}, settlement account {acct}.",
    "The courier van, plate {plate}, was seen outside {addr}; driver {name} showed ID {cnid}.",
    "{name} (born {dob_en}) was refused a loan after the bureau flagged ID number {cnid} as used by {n_pos} other applicants.",
    "Cardholder {name_zh} says the POS receipts from {company} were signed by {name_zh}, her former employee; delivery address {addr_zh}.",
    "Ship to: {name}, {addr}, tel. {phone}. Bill to: {name}, card {card}, exp 08/27.",
    "Applicant name: {name}\nD.O.B.: {dob_en}\nNationality: CHN\nResident ID: {cnid}\nAddress in China: {addr_zh}\nMobile: {mobile}",
    "Reported by {name} (telegram {tg}, email {email}, car {plate_us}); funds sent on {date_en}, order {order}.",
]

# -- value tables (written for this module) --------------------------------------------------------------
_CN_AREAS = ["110101", "110105", "110108", "120104", "130102", "130603", "140105", "150102", "210102", "210203",
             "220102", "230103", "310104", "310110", "310115", "320106", "320583", "320982", "330102", "330106",
             "330381", "340104", "350203", "350582", "360102", "370102", "370203", "410105", "411602", "420106",
             "430104", "431102", "440106", "440304", "440606", "441900", "450103", "460106", "500103", "510107",
             "511702", "520102", "530102", "540102", "610113", "620102", "630104", "640104", "650102", "652201"]  # fmt: skip
_MOBILE_PREFIXES = ["130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147", "150", "151",
                    "152", "153", "155", "156", "157", "158", "159", "166", "172", "175", "176", "177", "178", "180",
                    "181", "182", "183", "184", "185", "186", "187", "188", "189", "191", "193", "195", "198", "199"]  # fmt: skip
_AREA_CODES = ["010", "020", "021", "022", "023", "024", "025", "027", "028", "029", "0311", "0351", "0371", "0431",
               "0451", "0512", "0531", "0532", "0551", "0571", "0574", "0577", "0591", "0592", "0731", "0755",
               "0757", "0769", "0771", "0851", "0871", "0898", "0931", "0991"]  # fmt: skip
_COMPOUND = ["欧阳", "上官", "司马", "诸葛", "东方", "慕容", "令狐", "皇甫", "尉迟", "公孙", "夏侯", "长孙", "宇文",
             "司徒", "端木", "独孤", "南宫", "西门", "呼延", "闻人", "轩辕", "钟离", "申屠", "澹台"]  # fmt: skip
_UYGHUR = ["艾力", "阿不都热合曼", "买买提", "吐尔逊", "努尔", "阿依古丽", "古丽娜尔", "迪丽拜尔", "热依拉", "帕提古丽",
           "麦合木提", "阿里木", "依明", "玉素甫", "阿卜杜拉", "米娜瓦尔", "祖丽胡玛尔", "艾克拜尔", "伊力哈木", "努尔艾力",
           "如克亚", "吾斯曼", "赛买提", "托合提", "阿布力孜"]  # fmt: skip
_TIBETAN = [
    "扎西次仁",
    "次仁卓玛",
    "格桑曲珍",
    "多吉",
    "洛桑旺堆",
    "央金拉姆",
    "尼玛顿珠",
    "边巴",
    "索朗达娃",
]
_TRANSLIT = ["约翰·史密斯", "玛丽亚·加西亚", "安娜·伊万诺娃", "穆罕默德·阿里", "詹姆斯·布朗", "伊莎贝拉·罗西",
             "亚历山大·彼得罗夫", "卡洛斯·门多萨"]  # fmt: skip
_ROADS = ["长江路", "淮海中路", "延安西路", "中关村大街", "龙华大道", "科苑路", "天府二街", "五一路", "友谊大街",
          "迎宾大道", "新港东路", "滨河西路", "建设北路", "南京西路", "环城东路", "青年路", "解放东路", "北京南路",
          "花园街", "朝阳路", "丰收路", "胜利大街", "振兴路", "金沙江路"]  # fmt: skip
_COMPLEXES = ["碧桂园", "龙湖天街", "保利香槟国际", "恒大绿洲", "融创壹号院", "绿地中心", "金地格林小镇", "万达广场",
              "中海国际社区", "阳光城", "御景湾", "新城国际", "星河湾", "凤凰公寓"]  # fmt: skip
_CITIES = [("广东省", "深圳市", "南山区"), ("广东省", "广州市", "天河区"), ("浙江省", "杭州市", "余杭区"),
           ("江苏省", "苏州市", "工业园区"), ("四川省", "成都市", "武侯区"), ("湖南省", "长沙市", "岳麓区"),
           ("河北省", "石家庄市", "长安区"), ("辽宁省", "大连市", "甘井子区"), ("陕西省", "西安市", "雁塔区"),
           ("安徽省", "合肥市", "蜀山区"), ("云南省", "昆明市", "盘龙区"), ("江西省", "南昌市", "红谷滩区"),
           ("", "北京市", "朝阳区"), ("", "上海市", "浦东新区"), ("", "重庆市", "渝北区"), ("", "天津市", "河西区")]  # fmt: skip
_COUNTIES = [("河南省", "商丘市", "夏邑县", "会亭镇"), ("山东省", "临沂市", "沂南县", "界湖街道"),
             ("湖北省", "黄冈市", "蕲春县", "漕河镇"), ("广西壮族自治区", "玉林市", "博白县", "龙潭镇"),
             ("贵州省", "毕节市", "威宁县", "草海镇"), ("福建省", "莆田市", "仙游县", "榜头镇")]  # fmt: skip
_VILLAGES = ["王庄村", "李家村", "新华村", "东升村", "石桥村", "大湾村", "高楼村"]
_BANKS_ZH = ["工商银行", "建设银行", "农业银行", "中国银行", "招商银行", "交通银行", "浦发银行", "平安银行", "民生银行",
             "兴业银行", "邮储银行", "中信银行"]  # fmt: skip
_HOTLINES_ZH = ["95588", "95533", "95599", "95566", "95555", "95559", "95568", "95528", "95561", "95580", "96110",
                "95558", "95595"]  # fmt: skip
_BINS = ["622700", "621226", "622609", "625969", "404119", "489592", "535918", "356833", "374738", "621799",
         "62253501", "45630300", "52469900"]  # fmt: skip
_MCCS = ["5411", "5311", "5812", "5999", "6011", "7011", "4511", "5732", "5944", "7995", "4829", "6051", "5691",
         "5967", "5045", "7299", "8398"]  # fmt: skip
_TOLL_FREE = {"800", "888", "877", "866", "855", "844", "833", "822"}
_PROVINCE_ABBR = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_FOREIGN_NAME_LOCALES = ["de_DE", "fr_FR", "es_ES", "it_IT", "pl_PL", "nl_NL", "pt_BR", "tr_TR", "sv_SE", "en_IN",
                         "id_ID", "cs_CZ", "fi_FI", "ro_RO", "en_GB"]  # fmt: skip
_FOREIGN_ADDRESS_LOCALES = ["en_GB", "de_DE", "fr_FR", "en_AU", "es_ES", "it_IT", "en_CA", "nl_NL", "en_NZ"]
_FOREIGN_PHONE_LOCALES = [
    "en_GB",
    "de_DE",
    "fr_FR",
    "en_AU",
    "es_ES",
    "it_IT",
    "en_CA",
    "pt_BR",
    "en_IN",
    "nl_NL",
]
_IBAN_LOCALES = [
    "de_DE",
    "en_GB",
    "fr_FR",
    "es_ES",
    "it_IT",
    "nl_NL",
    "pl_PL",
    "pt_PT",
    "de_AT",
    "de_CH",
    "nl_BE",
]
_FULLWIDTH = str.maketrans(string.digits, "０１２３４５６７８９")


def _fw(s: str) -> str:
    return s.translate(_FULLWIDTH)


def _b58encode(raw: bytes) -> str:
    n = int.from_bytes(raw, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = _B58[r] + out
    return "1" * (len(raw) - len(raw.lstrip(b"\0"))) + out


def _b58check(payload: bytes) -> str:
    return _b58encode(payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4])


def _bech32_polymod(values: list[int]) -> int:
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (b >> i) & 1 else 0
    return chk


def _bech32_address(program: bytes) -> str:
    """A segwit v0 address (BIP 173) for a 20- or 32-byte program."""
    acc, bits, data = 0, 0, [0]
    for byte in program:
        acc = (acc << 8) | byte
        bits += 8
        while bits >= 5:
            bits -= 5
            data.append((acc >> bits) & 31)
    if bits:
        data.append((acc << (5 - bits)) & 31)
    hrp = "bc"
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    pm = _bech32_polymod(expanded + data + [0] * 6) ^ 1
    checksum = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_BECH32[d] for d in data + checksum)


def _eip55(hex40: str) -> str:
    from Crypto.Hash import keccak

    digest = keccak.new(digest_bits=256, data=hex40.encode()).hexdigest()
    return "".join(c.upper() if c.isalpha() and int(digest[i], 16) >= 8 else c for i, c in enumerate(hex40))


class _Gen:
    """Value generators; each returns ``(text, label)`` where label is an entity or a negative label."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.seed = seed
        self._fakers: dict[str, object] = {}

    def fk(self, locale: str):
        if locale not in self._fakers:
            from faker import Faker

            f = Faker(locale)
            f.seed_instance(self.seed * 31 + sum(map(ord, locale)))
            self._fakers[locale] = f
        return self._fakers[locale]

    def pick(self, options: list[tuple[float, object]]):
        total = sum(w for w, _ in options)
        x = self.r.random() * total
        for w, v in options:
            x -= w
            if x < 0:
                return v
        return options[-1][1]

    def digits(self, n: int, first_nonzero: bool = True) -> str:
        s = "".join(self.r.choice(string.digits) for _ in range(n))
        if first_nonzero and s[0] == "0":
            s = self.r.choice("123456789") + s[1:]
        return s

    # -- PERSON ------------------------------------------------------------------------------------------
    def name_zh(self) -> str:
        f = self.fk("zh_CN")
        kind = self.pick([(55, "faker"), (15, "two"), (10, "cc"), (8, "minor"), (5, "tw"), (3, "tibetan"), (4, "translit")])  # fmt: skip
        if kind == "faker":
            return f.name()
        if kind == "two":
            given = f.first_name()
            while len(given) != 1:
                given = f.first_name()
            return f.last_name() + given
        if kind == "cc":
            return self.name_cc()
        if kind == "minor":
            return self.name_minor()
        if kind == "tw":
            return self.fk("zh_TW").name()
        if kind == "tibetan":
            return self.r.choice(_TIBETAN)
        return self.r.choice(_TRANSLIT)

    def name_cc(self) -> str:
        f = self.fk("zh_CN")
        given = f.first_name()
        return self.r.choice(_COMPOUND) + given

    def name_minor(self) -> str:
        a, b = self.r.sample(_UYGHUR, 2)
        return a + self.pick([(90, "·"), (6, "•"), (4, "・")]) + b

    def name_en(self) -> str:
        f = self.fk("en_US")
        kind = self.pick([(45, "name"), (20, "fl"), (12, "foreign"), (10, "py"), (5, "initial"), (3, "PY"), (5, "fn")])  # fmt: skip
        if kind == "name":
            return f.name()
        if kind == "fl":
            return f"{f.first_name()} {f.last_name()}"
        if kind == "foreign":
            return self.name_foreign()
        if kind == "py":
            return self.name_py()
        if kind == "initial":
            return f"{f.first_name()} {self.r.choice(string.ascii_uppercase)}. {f.last_name()}"
        if kind == "PY":
            given, family = self.fk("zh_CN").romanized_name().split(" ", 1)
            return f"{family.upper()} {given}"
        g = self.fk(self.r.choice(_FOREIGN_NAME_LOCALES))
        return g.name()

    def name_foreign(self) -> str:
        g = self.fk(self.r.choice(_FOREIGN_NAME_LOCALES))
        return f"{g.first_name()} {g.last_name()}"

    def name_py(self) -> str:
        return self.fk("zh_CN").romanized_name()

    def name_lower(self) -> str:
        f = self.fk("en_US")
        return self.pick([(60, f"{f.first_name()} {f.last_name()}".lower()), (40, f.first_name().lower())])

    def name_first(self) -> str:
        return self.fk("en_US").first_name()

    # -- ADDRESS -----------------------------------------------------------------------------------------
    def addr_zh(self) -> str:
        f = self.fk("zh_CN")
        r = self.r
        kind = self.pick([(30, "faker"), (15, "faker_nopc"), (35, "composed"), (10, "rural"), (5, "tw"), (5, "short")])  # fmt: skip
        if kind == "faker":
            return f.address()
        if kind == "faker_nopc":
            return re.sub(r"\s*\d{6}$", "", f.address())
        if kind == "tw":
            return self.fk("zh_TW").address()
        if kind == "rural":
            prov, city, county, town = r.choice(_COUNTIES)
            tail = r.choice(
                [
                    f"{r.randint(1, 12)}组{r.randint(1, 60)}号",
                    f"{r.randint(1, 99)}号",
                    f"{r.randint(1, 12)}组",
                ]
            )
            return f"{prov}{city}{county}{town}{r.choice(_VILLAGES)}{tail}"
        prov, city, district = r.choice(_CITIES)
        road = f"{r.choice(_ROADS)}{r.randint(1, 999)}号"
        unit = self.pick([
            (30, f"{r.choice(_COMPLEXES)}{r.randint(1, 30)}栋{r.randint(1, 4)}单元{r.randint(1, 33)}{r.randint(1, 4):02d}室"),
            (20, f"{r.choice(_COMPLEXES)}{r.randint(1, 20)}号楼{r.randint(1, 28)}层"),
            (20, f"{r.randint(1, 30)}幢{r.randint(101, 2808)}室"),
            (30, ""),
        ])  # fmt: skip
        if kind == "short":
            return f"{district}{road}{unit}"
        head = self.pick([(50, prov + city + district), (35, city + district), (15, city)])
        return head + road + unit

    def addr_en(self) -> str:
        f = self.fk("en_US")
        kind = self.pick([(35, "nl"), (30, "comma"), (15, "street"), (20, "foreign")])
        if kind == "nl":
            return f.address()
        if kind == "comma":
            return f.address().replace("\n", ", ")
        if kind == "street":
            return f.street_address()
        return self.addr_foreign()

    def addr_foreign(self) -> str:
        g = self.fk(self.r.choice(_FOREIGN_ADDRESS_LOCALES))
        a = re.sub(r"[ \t]+\n", "\n", g.address().strip())
        return a if self.r.random() < 0.5 else a.replace("\n", ", ")

    # -- numbers ---------------------------------------------------------------------------------------
    def cnid(self) -> str:
        r = self.r
        while True:
            y = r.randint(1950, 2004)
            m = r.randint(1, 12)
            d = r.randint(1, 28)
            body = f"{r.choice(_CN_AREAS)}{y}{m:02d}{d:02d}{r.randint(0, 999):03d}"
            v = body + ric.calc_check_digit(body + "0")  # stdnum expects a placeholder check digit
            if r.random() < 0.2 and not v.endswith("X"):
                continue
            break
        return self.pick([
            (75, v), (8, v.lower()), (10, f"{v[:6]} {v[6:14]} {v[14:]}"), (4, f"{v[:6]}-{v[6:14]}-{v[14:]}"), (3, _fw(v)),
        ])  # fmt: skip

    def passport(self) -> str:
        r = self.r
        return self.pick([
            (25, "E" + self.digits(8, False)),
            (20, "E" + r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") + self.digits(7, False)),
            (10, "G" + self.digits(8, False)),
            (10, "C" + self.digits(8, False)),
            (15, self.fk("en_US").passport_number()),
            (8, self.digits(9)),
            (7, "C" + "".join(r.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8))),
            (5, "".join(r.choice(string.ascii_uppercase) for _ in range(2)) + self.digits(7, False)),
        ])  # fmt: skip

    def uscc(self) -> str:
        r = self.r
        area = r.choice(_CN_AREAS)
        if r.random() < 0.5:
            org = "MA" + "".join(r.choice(_USCC_ALPHABET) for _ in range(7))
        else:
            org = self.digits(9, False)
        body = r.choice(["91", "92", "93", "12"]) + area + org
        return body + uscc.calc_check_digit(body)

    def _luhn_complete(self, partial: str) -> str:
        return partial + luhn.calc_check_digit(partial)

    def card_cup(self) -> str:
        r = self.r
        prefix = r.choice(["621226", "622700", "623668", "621661", "623052", "625826", "622908", "625955", "622262", "628288", "620522"])  # fmt: skip
        length = self.pick([(60, 19), (35, 16), (5, 18)])
        number = self._luhn_complete(prefix + self.digits(length - len(prefix) - 1, False))
        return self._group(number)

    def card_intl(self) -> str:
        f = self.fk("en_US")
        kind = self.r.choice(["visa16", "visa16", "mastercard", "mastercard", "amex", "discover", "jcb16", "diners", "visa19", "visa13", "maestro"])  # fmt: skip
        return self._group(f.credit_card_number(card_type=kind))

    def card(self, lang: str) -> str:
        if lang == "zh":
            v = self.card_cup() if self.r.random() < 0.65 else self.card_intl()
            return _fw(v) if self.r.random() < 0.02 else v
        return self.card_intl() if self.r.random() < 0.85 else self.card_cup()

    def _group(self, n: str) -> str:
        style = self.pick([(45, "plain"), (30, "4s"), (10, "4d"), (8, "brand"), (7, "6")])
        if style == "plain":
            return n
        if style == "brand":
            if len(n) == 15:
                return f"{n[:4]} {n[4:10]} {n[10:]}"
            if len(n) == 14:
                return f"{n[:4]} {n[4:10]} {n[10:]}"
            style = "4s"
        if style == "6":
            return f"{n[:6]} {n[6:]}"
        sep = " " if style == "4s" else "-"
        return sep.join(n[i : i + 4] for i in range(0, len(n), 4))

    def acct(self) -> str:
        r = self.r
        kind = self.pick([(40, "cn"), (20, "cn_g"), (20, "us"), (10, "uk"), (10, "long")])
        if kind == "cn":
            return self.digits(r.choice([12, 15, 17, 19, 20, 21]))
        if kind == "cn_g":
            v = self.digits(r.choice([16, 19, 20]))
            return " ".join(v[i : i + 4] for i in range(0, len(v), 4))
        if kind == "us":
            return self.digits(r.choice([10, 11, 12]))
        if kind == "uk":
            return self.digits(8)
        return self.digits(r.choice([22, 23, 24]))

    def mobile(self) -> str:
        r = self.r
        n = r.choice(_MOBILE_PREFIXES) + self.digits(8, False)
        a, b, c = n[:3], n[3:7], n[7:]
        v = self.pick([
            (35, n), (10, f"{a} {b} {c}"), (10, f"{a}-{b}-{c}"), (8, f"+86 {n}"), (5, f"+86-{a}-{b}-{c}"),
            (5, f"+86{n}"), (4, f"0086 {a} {b} {c}"), (4, f"(+86) {a} {b} {c}"), (3, f"+86 {a} {b} {c}"),
            (3, f"{a} {n[3:6]} {n[6:]}"), (3, f"86-{n}"), (4, f"0086{n}"), (3, _fw(n)), (3, f"（+86）{n}"),
        ])  # fmt: skip
        return v

    def landline(self) -> str:
        r = self.r
        code = r.choice(_AREA_CODES)
        local = self.digits(8 if len(code) == 3 or r.random() < 0.7 else 7)
        ext = str(r.randint(100, 8999))
        return self.pick([
            (30, f"{code}-{local}"), (15, f"({code}){local}"), (10, f"{code} {local[:4]} {local[4:]}"),
            (10, f"{code}-{local}转{ext}"), (8, f"（{code}）{local}"), (8, f"+86 {code[1:]} {local}"),
            (6, f"{code}{local}"), (5, f"{code}-{local}-{ext}"), (8, f"+86-{code[1:]}-{local}"),
        ])  # fmt: skip

    def phone_zh(self) -> str:
        return self.mobile() if self.r.random() < 0.75 else self.landline()

    def phone_us(self) -> str:
        f = self.fk("en_US")
        while True:
            v = f.phone_number()
            core = re.sub(r"\D", "", v.split("x")[0])
            core = core[3:] if core.startswith("001") else core[1:] if len(core) == 11 else core
            if core[:3] not in _TOLL_FREE:
                return v

    def phone_intl(self) -> str:
        f = self.fk(self.r.choice(_FOREIGN_PHONE_LOCALES))
        while True:
            v = f.phone_number()
            digits = re.sub(r"\D", "", v)
            if not re.match(r"^(1)?(800|888|877|866|855|844|833|822)", digits) and not re.match(
                r"^(0?800|0?808)", digits
            ):
                return v

    def _phone_en_pick(self) -> str:
        k = self.pick([(55, "us"), (30, "intl"), (15, "cn")])
        return self.phone_us() if k == "us" else self.phone_intl() if k == "intl" else self.mobile()

    def email(self, lang: str) -> str:
        f = self.fk("en_US")
        r = self.r
        if lang == "zh":
            py = self.fk("zh_CN").romanized_name().lower().replace(" ", r.choice(["", ".", "_"]))
            return self.pick([
                (25, f"{self.digits(r.randint(6, 10))}@qq.com"), (20, f"{py}{r.randint(1, 99)}@163.com"),
                (10, f"{py}@126.com"), (8, f"{py}{r.randint(1970, 2005)}@sina.com"), (7, f"{py}@foxmail.com"),
                (15, f.email()), (5, f"{py.capitalize()}@139.com"), (10, f"{py}+{r.choice(['shop', 'vip', 'pay'])}@gmail.com"),
            ])  # fmt: skip
        first, last = f.first_name().lower(), f.last_name().lower()
        return self.pick([
            (35, f.email()), (20, f.free_email()), (15, f.company_email()), (10, f"{first}.{last}+{r.choice(['bank', 'shop', 'x1'])}@gmail.com"),
            (10, f"{first[0]}{last}{r.randint(1, 999)}@{r.choice(['yahoo.com', 'outlook.com', 'proton.me', 'icloud.com'])}"),
            (10, f"{first.capitalize()}.{last.capitalize()}@{f.domain_name()}"),
        ])  # fmt: skip

    def ip(self) -> str:
        f = self.fk("en_US")
        k = self.pick([(78, "v4"), (10, "v6"), (12, "v6c")])
        if k == "v4":
            return f.ipv4_public()
        if k == "v6":
            return f.ipv6()
        raw = self.r.getrandbits(64) << 64 | self.r.getrandbits(16)
        return ipaddress.IPv6Address((0x2408 << 112) | raw).compressed

    def iban(self) -> str:
        v = self.fk(self.r.choice(_IBAN_LOCALES)).iban()
        return " ".join(v[i : i + 4] for i in range(0, len(v), 4)) if self.r.random() < 0.5 else v

    def plate(self) -> str:
        r = self.r
        prov, letter = r.choice(_PROVINCE_ABBR), r.choice(_PLATE_LETTERS)
        k = self.pick([(60, "std"), (25, "ev"), (15, "ev_big")])
        if k == "std":
            tail = [r.choice(string.digits) for _ in range(5)]
            for i in r.sample(range(5), r.choice([0, 0, 1, 2])):
                tail[i] = r.choice(_PLATE_LETTERS)
            tail = "".join(tail)
        elif k == "ev":
            tail = r.choice("DF") + self.digits(5, False)
        else:
            tail = self.digits(5, False) + r.choice("DF")
        sep = self.pick([(60, ""), (25, "·"), (10, " "), (5, "-")])
        return f"{prov}{letter}{sep}{tail}"

    def plate_us(self) -> str:
        r = self.r
        L = lambda n: "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(n))  # noqa: E731
        return self.pick([
            (30, f"{r.randint(1, 9)}{L(3)}{self.digits(3, False)}"), (30, f"{L(3)}-{self.digits(4, False)}"),
            (20, f"{L(3)} {self.digits(4, False)}"), (20, f"{self.digits(3, False)} {L(3)}"),
        ])  # fmt: skip

    def wechat(self) -> str:
        r = self.r
        f = self.fk("en_US")
        return self.pick([
            (30, "wxid_" + "".join(r.choice(string.ascii_lowercase + string.digits) for _ in range(14))),
            (35, f.user_name() + str(r.randint(1, 9999))),
            (20, self.fk("zh_CN").romanized_name().replace(" ", "").lower() + r.choice(["_", "-", ""]) + str(r.randint(80, 2005))),
            (15, r.choice(string.ascii_letters) + "".join(r.choice(string.ascii_letters + string.digits + "_-") for _ in range(r.randint(5, 15)))),
        ])  # fmt: skip

    def qq(self) -> str:
        v = self.digits(self.r.randint(6, 10))
        return _fw(v) if self.r.random() < 0.02 else v

    def alipay(self) -> str:
        return "2088" + self.digits(12, False)

    def tg(self) -> str:
        r = self.r
        name = self.fk("en_US").user_name() + r.choice(["", "_usdt", "_otc", "888", "_vip"])
        return "@" + name

    def douyin(self) -> str:
        return self.pick([
            (50, "dy" + "".join(self.r.choice(string.ascii_lowercase + string.digits) for _ in range(9))),
            (50, self.fk("en_US").user_name() + str(self.r.randint(10, 999))),
        ])  # fmt: skip

    def imei(self) -> str:
        body = self.r.choice(["35", "86", "01", "99"]) + self.digits(12, False)
        v = self._luhn_complete(body)
        return self.pick(
            [
                (65, v),
                (20, f"{v[:2]}-{v[2:8]}-{v[8:14]}-{v[14]}"),
                (15, f"{v[:2]} {v[2:8]} {v[8:14]} {v[14]}"),
            ]
        )

    def mac(self) -> str:
        v = self.fk("en_US").mac_address()
        return self.pick([(50, v), (30, v.upper().replace(":", "-")), (20, v.upper())])

    def devfp(self) -> str:
        r = self.r
        u = self.fk("en_US").uuid4()
        return self.pick([
            (40, u), (25, u.upper()), (20, "".join(r.choice("0123456789abcdef") for _ in range(16))),
            (15, "".join(r.choice("0123456789abcdef") for _ in range(32))),
        ])  # fmt: skip

    def wallet(self) -> str:
        r = self.r
        k = self.pick([(40, "trx"), (25, "eth"), (12, "p2pkh"), (8, "p2sh"), (15, "bech32")])
        raw = bytes(r.getrandbits(8) for _ in range(20))
        if k == "trx":
            return _b58check(b"\x41" + raw)
        if k == "p2pkh":
            return _b58check(b"\x00" + raw)
        if k == "p2sh":
            return _b58check(b"\x05" + raw)
        if k == "bech32":
            return _bech32_address(raw)
        h = raw.hex()
        return "0x" + (h if r.random() < 0.4 else _eip55(h))

    def url(self) -> str:
        r = self.r
        f = self.fk("en_US")
        brand = r.choice(["icbc", "ccb", "cmb", "boc", "abc", "etc", "12123", "unionpay", "alipay", "paypal", "chase", "usps", "hmrc", "amazon", "apple-id"])  # fmt: skip
        word = r.choice(
            ["kf", "secure", "verify", "login", "service", "jf", "refund", "help", "update", "vip"]
        )
        tld = r.choice(["top", "xyz", "cc", "vip", "com", "cn", "net", "info", "shop", "icu"])
        path = r.choice(["", "/", "/login.html", "/index.php?id=" + self.digits(4), "/m/#/home", "/verify?u=" + self.digits(6), "/app/download.apk"])  # fmt: skip
        return self.pick([
            (20, f.url()), (15, f.uri()), (25, f"{r.choice(['http', 'https'])}://{brand}-{word}.{tld}{path}"),
            (10, f"www.{brand}{word}.{tld}{path}"), (10, f"{brand}-{word}{r.randint(1, 99)}.{tld}{path or '/'}"),
            (8, f"{r.choice(['t.cn', 'bit.ly', 'dwz.cn', 'tinyurl.com'])}/{''.join(r.choice(string.ascii_letters + string.digits) for _ in range(7))}"),
            (7, f"https://{self.fk('en_US').user_name()}.oss-cn-{r.choice(['hangzhou', 'shenzhen', 'beijing'])}.aliyuncs.com/{r.choice(['app', 'pkg'])}/{word}_v{r.randint(1, 9)}.apk"),
            (5, f"http://{f.ipv4_public()}:{r.choice([8080, 8888, 9000])}/{word}"),
        ])  # fmt: skip

    def dob(self, lang: str) -> str:
        r = self.r
        y, m, d = r.randint(1950, 2005), r.randint(1, 12), r.randint(1, 28)
        if lang == "zh":
            return self.pick([(45, f"{y}年{m}月{d}日"), (20, f"{y}-{m:02d}-{d:02d}"), (15, f"{y}.{m:02d}.{d:02d}"), (10, f"{y}/{m}/{d}"), (10, f"{y}年{m:02d}月{d:02d}日")])  # fmt: skip
        mon = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][m - 1]  # fmt: skip
        return self.pick([
            (25, f"{m:02d}/{d:02d}/{y}"), (15, f"{y}-{m:02d}-{d:02d}"), (20, f"{mon} {d}, {y}"), (15, f"{d} {mon} {y}"),
            (10, f"{d:02d}/{m:02d}/{y}"), (10, f"{d} {mon[:3]} {y}"), (5, f"{m}/{d}/{y % 100:02d}"),
        ])  # fmt: skip

    # -- hard negatives --------------------------------------------------------------------------------
    def amt(self, lang: str) -> str:
        r = self.r
        n = r.choice(
            [
                r.randint(1, 999) * 100,
                r.randint(100, 99999),
                r.randint(1, 50) * 1000,
                r.randint(10000, 2000000),
            ]
        )
        c = r.randint(0, 99)
        if lang == "zh":
            return self.pick([
                (25, f"{n}元"), (15, f"¥{n:,}"), (10, f"￥{n:,}.{c:02d}"), (10, f"人民币{n}元"), (10, f"{n / 10000:g}万元"),
                (5, f"RMB {n:,}"), (5, f"{n:,}.00元"), (5, f"{r.randint(1, 99)}万"), (5, f"{n}块"), (5, f"{n} USDT"),
                (5, f"{_fw(str(n))}元"),
            ])  # fmt: skip
        return self.pick([
            (30, f"${n:,}.{c:02d}"), (15, f"USD {n:,}"), (10, f"£{n:,}"), (10, f"€{n:,}"), (8, f"{n:,} dollars"),
            (7, f"EUR {n:,}.{c:02d}"), (5, f"HK${n:,}"), (5, f"{n:,} USDT"), (5, f"A${n:,}"), (5, f"${n / 1000:g}k"),
        ])  # fmt: skip

    def amt_en(self) -> str:
        return self.amt("en")

    def date(self, lang: str) -> str:
        r = self.r
        y, m, d = r.randint(2023, 2026), r.randint(1, 12), r.randint(1, 28)
        if lang == "zh":
            return self.pick([(40, f"{y}年{m}月{d}日"), (20, f"{y}-{m:02d}-{d:02d}"), (15, f"{m}月{d}日"), (10, f"{y}/{m:02d}/{d:02d}"), (10, f"{y}.{m}.{d}"), (5, f"{y}年{m:02d}月{d:02d}日")])  # fmt: skip
        mon = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]
        return self.pick([(30, f"{m:02d}/{d:02d}/{y}"), (25, f"{mon} {d}, {y}"), (20, f"{d} {mon} {y}"), (15, f"{y}-{m:02d}-{d:02d}"), (10, f"{d}/{m}/{y}")])  # fmt: skip

    def time(self, lang: str) -> str:
        r = self.r
        h, mi, s = r.randint(0, 23), r.randint(0, 59), r.randint(0, 59)
        if lang == "zh":
            return self.pick([(50, f"{h:02d}:{mi:02d}"), (35, f"{h:02d}:{mi:02d}:{s:02d}"), (15, f"{h}时{mi}分")])  # fmt: skip
        return self.pick([(50, f"{h:02d}:{mi:02d}"), (35, f"{h:02d}:{mi:02d}:{s:02d}"), (15, f"{h % 12 or 12}:{mi:02d} {'PM' if h >= 12 else 'AM'}")])  # fmt: skip

    def dt(self, lang: str) -> str:
        r = self.r
        y, m, d, h, mi, s = r.randint(2023, 2026), r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59)  # fmt: skip
        if lang == "zh":
            return self.pick([(40, f"{y}-{m:02d}-{d:02d} {h:02d}:{mi:02d}:{s:02d}"), (30, f"{y}年{m}月{d}日{h}时{mi}分"), (20, f"{m}月{d}日{h:02d}:{mi:02d}"), (10, f"{y}/{m:02d}/{d:02d} {h:02d}:{mi:02d}")])  # fmt: skip
        return self.pick([(40, f"{y}-{m:02d}-{d:02d} {h:02d}:{mi:02d}:{s:02d}"), (30, f"{m:02d}/{d:02d}/{y} {h:02d}:{mi:02d}"), (30, f"{y}-{m:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}Z")])  # fmt: skip

    def order(self) -> str:
        r = self.r
        y, m, d = r.randint(2023, 2026), r.randint(1, 12), r.randint(1, 28)
        return self.pick([
            (30, f"{y}{m:02d}{d:02d}{self.digits(r.randint(8, 12), False)}"),
            (25, self._luhn_complete(self.digits(15))),  # a Luhn-valid 16-digit order number
            (10, self._luhn_complete(self.digits(18))),  # a Luhn-valid 19-digit one
            (15, r.choice(["P", "SO", "DD", "TB", "JD"]) + f"{y}{m:02d}{d:02d}" + self.digits(8, False)),
            (10, self.digits(r.randint(10, 14))), (10, f"{r.randint(100, 999)}-{self.digits(7, False)}-{self.digits(7, False)}"),
        ])  # fmt: skip

    def txn(self) -> str:
        r = self.r
        y, m, d = r.randint(2023, 2026), r.randint(1, 12), r.randint(1, 28)
        return self.pick([
            (25, f"42000{self.digits(5, False)}{y}{m:02d}{d:02d}{self.digits(10, False)}"),  # WeChat Pay style, 28 digits
            (25, f"{y}{m:02d}{d:02d}22001{self.digits(15, False)}"),  # Alipay style, 28 digits
            (20, "TXN" + self.digits(12, False)), (15, self._luhn_complete(self.digits(15))),
            (15, "".join(r.choice(string.ascii_uppercase + string.digits) for _ in range(16))),
        ])  # fmt: skip

    def caseno(self) -> str:
        r = self.r
        y = r.randint(2023, 2026)
        return self.pick([
            (30, f"A{r.choice(_CN_AREAS)}{self.digits(4, False)}{y}{self.digits(7, False)}"),
            (25, f"RH-{y}-{self.digits(5, False)}"), (20, f"FR{y}{self.digits(6, False)}"), (15, f"CS{self.digits(10, False)}"),
            (10, f"{y}-{r.randint(1, 12):02d}-{self.digits(4, False)}"),
        ])  # fmt: skip

    def rrn(self) -> str:
        return self.pick([(60, self.digits(12, False)), (40, self.digits(23, False))])

    def auth(self) -> str:
        return self.pick([(70, self.digits(6, False)), (30, "".join(self.r.choice(string.ascii_uppercase + string.digits) for _ in range(6)))])  # fmt: skip

    def mid(self) -> str:
        return self.pick([(60, self.r.choice(["1", "8"]) + self.digits(14, False)), (25, self.digits(12, False)), (15, self._luhn_complete(self.digits(15)))])  # fmt: skip

    def tid(self) -> str:
        return self.pick([(70, self.digits(8, False)), (30, "T" + self.digits(7, False))])

    def hotline(self, lang: str) -> str:
        r = self.r
        if lang == "zh":
            return self.pick([(60, r.choice(_HOTLINES_ZH)), (25, f"400-{self.digits(3, False)}-{self.digits(4, False)}"), (10, f"400{self.digits(7, False)}"), (5, f"800-{self.digits(3, False)}-{self.digits(4, False)}")])  # fmt: skip
        tf = r.choice(["800", "888", "877", "866", "855"])
        return self.pick([(45, f"1-{tf}-{self.digits(3, False)}-{self.digits(4, False)}"), (25, f"{tf}-{self.digits(3, False)}-{self.digits(4, False)}"), (20, f"1 ({tf}) {self.digits(3, False)}-{self.digits(4, False)}"), (10, f"1{tf}{self.digits(7, False)}")])  # fmt: skip

    def version(self) -> str:
        r = self.r
        return self.pick([
            (35, f"{r.randint(1, 12)}.{r.randint(0, 9)}.{r.randint(0, 60)}"), (20, f"v{r.randint(1, 9)}.{r.randint(0, 20)}.{r.randint(0, 9)}"),
            (15, f"{r.randint(1, 9)}.{r.randint(0, 9)}.{r.randint(0, 99)}.{r.randint(1000, 9999)}"),
            (10, f"{r.randint(1, 9)}.{r.randint(0, 9)}.{r.randint(0, 60)}.{r.randint(0, 255)}"),
            (10, f"iOS {r.randint(14, 18)}.{r.randint(0, 6)}.{r.randint(1, 3)}"), (10, f"Android {r.randint(9, 15)}"),
        ])  # fmt: skip

    def pct(self) -> str:
        r = self.r
        return self.pick(
            [
                (50, f"{r.randint(1, 99)}%"),
                (30, f"{r.randint(0, 30)}.{r.randint(1, 9)}%"),
                (20, f"{r.randint(1, 99)}％"),
            ]
        )

    def tail(self) -> str:
        return self.digits(4, False)

    def bin(self) -> str:
        return self.r.choice(_BINS)

    def mcc(self) -> str:
        return self.r.choice(_MCCS)

    def sortcode(self) -> str:
        return f"{self.digits(2, False)}-{self.digits(2, False)}-{self.digits(2, False)}"

    def routing(self) -> str:
        v = self.digits(8, False)
        c = (10 - sum(int(a) * b for a, b in zip(v, (3, 7, 1, 3, 7, 1, 3, 7), strict=True)) % 10) % 10
        return v + str(c)

    def company(self, lang: str) -> str:
        return self.fk("zh_CN").company() if lang == "zh" else self.fk("en_US").company()

    def bank(self) -> str:
        return self.r.choice(_BANKS_ZH)


# slot kind -> (entity or negative label or None for plain filler, generator taking (gen, lang))
_SLOTS = {
    "name": ("PERSON", lambda g, lang: g.name_zh() if lang == "zh" else g.name_en()),
    "name_cc": ("PERSON", lambda g, lang: g.name_cc()),
    "name_minor": ("PERSON", lambda g, lang: g.name_minor()),
    "name_en": ("PERSON", lambda g, lang: g.name_en()),
    "name_py": ("PERSON", lambda g, lang: g.name_py()),
    "name_lower": ("PERSON", lambda g, lang: g.name_lower()),
    "name_first": ("PERSON", lambda g, lang: g.name_first()),
    "name_foreign": ("PERSON", lambda g, lang: g.name_foreign()),
    "name_zh": ("PERSON", lambda g, lang: g.name_zh()),
    "addr_zh": ("ADDRESS", lambda g, lang: g.addr_zh()),
    "addr": ("ADDRESS", lambda g, lang: g.addr_zh() if lang == "zh" else g.addr_en()),
    "addr_foreign": ("ADDRESS", lambda g, lang: g.addr_foreign()),
    "cnid": ("CN_ID", lambda g, lang: g.cnid()),
    "passport": ("PASSPORT", lambda g, lang: g.passport()),
    "uscc": ("USCC", lambda g, lang: g.uscc()),
    "card": ("BANK_CARD", lambda g, lang: g.card(lang)),
    "card_cup": ("BANK_CARD", lambda g, lang: g.card_cup()),
    "card_intl": ("BANK_CARD", lambda g, lang: g.card_intl()),
    "acct": ("BANK_ACCOUNT", lambda g, lang: g.acct()),
    "mobile": ("PHONE", lambda g, lang: g.mobile()),
    "landline": ("PHONE", lambda g, lang: g.landline()),
    "phone": ("PHONE", lambda g, lang: g.phone_zh() if lang == "zh" else g._phone_en_pick()),
    "phone_intl": ("PHONE", lambda g, lang: g.phone_intl()),
    "email": ("EMAIL", lambda g, lang: g.email(lang)),
    "ip": ("IP_ADDRESS", lambda g, lang: g.ip()),
    "iban": ("IBAN", lambda g, lang: g.iban()),
    "plate": ("LICENSE_PLATE", lambda g, lang: g.plate()),
    "plate_us": ("LICENSE_PLATE", lambda g, lang: g.plate_us()),
    "wechat": ("SOCIAL_ACCOUNT", lambda g, lang: g.wechat()),
    "qq": ("SOCIAL_ACCOUNT", lambda g, lang: g.qq()),
    "alipay": ("SOCIAL_ACCOUNT", lambda g, lang: g.alipay()),
    "tg": ("SOCIAL_ACCOUNT", lambda g, lang: g.tg()),
    "douyin": ("SOCIAL_ACCOUNT", lambda g, lang: g.douyin()),
    "imei": ("DEVICE_ID", lambda g, lang: g.imei()),
    "mac": ("DEVICE_ID", lambda g, lang: g.mac()),
    "devfp": ("DEVICE_ID", lambda g, lang: g.devfp()),
    "wallet": ("CRYPTO_WALLET", lambda g, lang: g.wallet()),
    "url": ("URL", lambda g, lang: g.url()),
    "dob": ("DATE_OF_BIRTH", lambda g, lang: g.dob("zh")),
    "dob_en": ("DATE_OF_BIRTH", lambda g, lang: g.dob("en")),
    # hard negatives
    "amt": ("AMOUNT", lambda g, lang: g.amt(lang)),
    "amt_en": ("AMOUNT", lambda g, lang: g.amt("en")),
    "date": ("DATE", lambda g, lang: g.date("zh")),
    "date_en": ("DATE", lambda g, lang: g.date("en")),
    "time": ("TIME", lambda g, lang: g.time(lang)),
    "dt": ("DATETIME", lambda g, lang: g.dt("zh")),
    "dt_en": ("DATETIME", lambda g, lang: g.dt("en")),
    "mcc": ("MCC", lambda g, lang: g.mcc()),
    "bin": ("BIN", lambda g, lang: g.bin()),
    "mid": ("MERCHANT_ID", lambda g, lang: g.mid()),
    "tid": ("TERMINAL_ID", lambda g, lang: g.tid()),
    "order": ("ORDER_NO", lambda g, lang: g.order()),
    "txn": ("TXN_ID", lambda g, lang: g.txn()),
    "caseno": ("CASE_NO", lambda g, lang: g.caseno()),
    "rrn": ("REF_NO", lambda g, lang: g.rrn()),
    "auth": ("AUTH_CODE", lambda g, lang: g.auth()),
    "hotline": ("HOTLINE", lambda g, lang: g.hotline(lang)),
    "version": ("VERSION", lambda g, lang: g.version()),
    "pct": ("PERCENT", lambda g, lang: g.pct()),
    "tail": ("CARD_TAIL", lambda g, lang: g.tail()),
    "sortcode": ("BANK_CODE", lambda g, lang: g.sortcode()),
    "routing": ("BANK_CODE", lambda g, lang: g.routing()),
    "company": ("COMPANY", lambda g, lang: g.company(lang)),
    # plain filler (not scored as an entity or a negative)
    "bank": (None, lambda g, lang: g.bank()),
    "n_pos": (None, lambda g, lang: str(g.r.randint(2, 40))),
    "n_tx": (None, lambda g, lang: str(g.r.randint(2, 60))),
}
_SLOT_RX = re.compile(r"\{(\w+)(?:@(\w+))?\}")
_ENTITY_NAMES = {label for label, _ in _SLOTS.values()} - set(NEGATIVE_LABELS) - {None}


def render(template: str, gen: _Gen, lang: str) -> Sample:
    """Fill one template; spans and negatives point at the inserted values."""
    out: list[str] = []
    pos = 0
    length = 0
    spans: list[tuple[int, int, str]] = []
    negatives: list[tuple[int, int, str]] = []
    tagged: dict[tuple[str, str], str] = {}
    for m in _SLOT_RX.finditer(template):
        literal = template[pos : m.start()]
        out.append(literal)
        length += len(literal)
        kind, tag = m.group(1), m.group(2)
        label, fn = _SLOTS[kind]
        if tag is not None and (kind, tag) in tagged:
            value = tagged[(kind, tag)]
        else:
            value = fn(gen, lang)
            if tag is not None:
                tagged[(kind, tag)] = value
        out.append(value)
        if label in _ENTITY_NAMES:
            spans.append((length, length + len(value), label))
        elif label is not None:
            negatives.append((length, length + len(value), label))
        length += len(value)
        pos = m.end()
    out.append(template[pos:])
    return Sample("".join(out), lang, spans, negatives)


def generate(n: int, seed: int = 20261125) -> list[Sample]:
    """``n`` narratives, alternately zh and en, with gold spans and labelled hard negatives."""
    gen = _Gen(seed)
    samples = []
    for i in range(n):
        lang = "zh" if i % 2 == 0 else "en"
        templates = ZH_TEMPLATES if lang == "zh" else EN_TEMPLATES
        samples.append(render(gen.r.choice(templates), gen, lang))
    return samples

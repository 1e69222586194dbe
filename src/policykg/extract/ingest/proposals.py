"""Relation proposals for sentences with two or more typed mentions or candidates.

Three kinds of evidence propose a relation, each named in the proposal's reason:

* ``pattern``: the trigger words of loaders/rules.yaml, read in either voice ("A added B to C",
  "C, administered by A", "B was placed on C by A");
* ``structure``: possessives and appositions ("A's B", "B within A", "B of A", 由A负责B, A下属的B);
* ``cooccur``: two typed names in one clause with no trigger: the usual relation between their types, as the
  curated assertions use it.

A learned scorer (scorer.py) turns the features of each proposal into a confidence. What the contrast and
negation cues block is rejected with its reason, never proposed.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from policykg.extract.gazetteer import LIST_ONLY_CHARS, Gazetteer
from policykg.extract.ingest.candidates import (
    COMPANY_END,
    GOODS_JOIN,
    HAN,
    TABLE_RULE_LINE,
    ZH_GOODS_MEASURE,
    ZH_LINKS_TO_CHAIN,
    Candidate,
    register_title,
)
from policykg.extract.ingest.patterns import Patterns, clause
from policykg.extract.stages import RULE_SENTENCE_KINDS, Corpus, Rule
from policykg.graph.model import Evidence
from policykg.graph.schema import Schema
from policykg.sources.corpus import Document, Sentence

MAX_GAP = {"en": 160, "zh": 60}
NEAR = {"en": 60, "zh": 25}  # co-occurrence beyond one clause: only this close
PASSIVE_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:is|are|was|were|been|being|be|has been|have been|had been)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# "X, which Y administers", "X that Y maintains": a relative clause whose subject is the second name
# (a possessor before the clause's agent: "which the Treasury Department's Office of Foreign Assets Control")
EN_OBJECT_RELATIVE = re.compile(r"\s*(?:\([^()]{1,30}\))?\s*,?\s*(?:which|that)\s+(?:the\s+|its\s+)?"
                                r"(?:[^,;.()]{1,60}?['’]s?\s+)?")
EN_AFTER_SUBJECT = re.compile(r"\s*(?:\([^()]{1,30}\)\s*)?(?:(?:also|now|still|jointly|currently|\w+ly)\s+)?")
BY_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}?by\s*$|^\s*by\b", re.IGNORECASE)
MEASURES = {"Law", "Policy", "Instrument", "Programme"}
# 工业和信息化部 国家发展改革委 自然资源部关于印发《…》的通知: a Chinese notice's title says who issues what (it is read
# as a sentence; other headings only name a part of the text)
ZH_NOTICE_HEADING = re.compile(r"关于.{2,160}的(?:通知|公告|通告|决定|意见|批复|复函|函)\s*$")
FIELD_ITEMS = {"Sector", "ChainSegment", "IndustryChain"}
# a name, its Latin form, a colon and a short description that ends in the goods and a maker's word
# 华润微…获得宝安区人民政府支持, 晟鹏装备已获基金首批投资: a party that receives another's support or money (the
# words between say it receives, the words after what); 基金由财政厅牵头出资: a fund someone pays into
ZH_RECEIVES = re.compile(r"(?:（[^（）]{1,40}）)?[^，。；：、]{0,16}?(?:获得|获|得到|接受)(?:了)?")
ZH_SUPPORT_AFTER = re.compile(r"(?:的)?(?:[^，。；、]{0,6}?)(?:支持|投资|资助|补贴|注资|出资|融资|扶持)")
# "TSMC Arizona received $6.6 billion under the CHIPS and Science Act", "Micron was awarded a grant from the CHIPS
# Program Office": who received money (or a grant, a loan, an award) under or from a measure, a fund or a body
EN_RECEIVED = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?(?:,\s*[^,;:()]{1,60},\s*)?"
                         r"(?:(?:has|have|had|will|would|also)\s+)*"
                         r"(?:received|receives|receive|won|wins|secured|secures|obtained|obtains|got|"
                         r"(?:was|were|been|be)\s+(?:awarded|granted|given|promised|offered))\s+"
                         r"(?:[^;:.()]|\.(?=\d)){0,80}?\s(?:under|from|through|via|by)\s+(?:the\s+)?",
                         re.IGNORECASE)
EN_MONEY = re.compile(r"\$|€|£|\b(?:million|billion|grants?|loans?|awards?|funding|funds|subsid(?:y|ies)|"
                      r"incentives?|credits?|financing|investment)\b", re.IGNORECASE)
ZH_BASIS_WORDS = frozenset({"依据", "根据", "依照", "按照"})
ZH_BASIS_BEFORE = re.compile(r"(?:依据|根据|依照|按照)《?$")
ZH_BASIS_MADE = re.compile(r"[^，。；]{0,30}?(?:实施|制定|出台|发布|施行|采取|实行|建立|设立)(?:了)?(?:的)?")
ZH_FUNDERS_LIST_END = re.compile(r"(?:等[^，。；、]{0,8}?)?(?:牵头|共同|联合|全额|参与)?(?:出资|注资|投资|资助)")
ZH_FUNDED_BY_AFTER = re.compile(r"(?:牵头|共同|联合|全额|参与)?(?:出资|注资|投资|资助)")
FUNDED = {"Company", "Programme", "Organization"}
# "ESMC, a joint venture of TSMC with Bosch, Infineon and NXP", "Nexchip, founded in 2015 as a venture between the
# Hefei municipal government and Taiwan's PSMC": whoever sets up a venture supports it
EN_VENTURE = re.compile(r"\s*(?:[(（][^()（）]{1,40}[)）])?(?:\s+in\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?)?\s*,\s*"
                        r"(?:[\w\-]+\s+){0,6}?(?:an?|the)\s+(?:[\w\-]+\s+){0,2}?"
                        r"(?:joint\s+)?venture\s+(?:between|of|formed\s+by|owned\s+by|led\s+by|set\s+up\s+by)\s+",
                        re.IGNORECASE)
VENTURE_PARENTS = {"Company", "Agency", "Organization", "Programme"}
# 由沙特公共投资基金（PIF）出资成立的人工智能公司 Humain: the funder, then what it set up with its money
ZH_FUNDED_BY_BETWEEN = re.compile(r"(?:（[^（）]{1,60}）)?(?:牵头|共同|联合|全额)?(?:出资|投资|注资)"
                                  r"(?:成立|设立|组建|创办)?的"
                                  r"[^，。；、]{0,12}?")
FUNDERS = {"Agency", "Programme", "Organization", "Company"}
# "In Executive Order 14195 (February 1, 2025), President Donald Trump declared …", "In its final rule, BIS added
# …": the measure a sentence opens with is the act of whoever then acts in it
EN_IN_MEASURE_BEFORE = re.compile(r"(?:^|[.;:]\s+|,\s+)In\s+(?:the|its|his|her|their|a|an)?\s*$")
EN_IN_MEASURE_BETWEEN = re.compile(r"\s*(?:[(（][^()（）]{0,60}[)）])?\s*,\s*(?:the\s+)?(?:U\.S\.\s+)?"
                                   r"(?:(?:President|Secretary|Commerce|Treasury|Under|Acting)\s+){0,2}")
EN_ACTS_AFTER = re.compile(r"\s*(?:,[^,]{1,40},\s*)?(?:also\s+|formally\s+)?(?:declared|imposed|directed|ordered|set|"
                           r"raised|added|announced|established|found|determined|invoked|required|prohibited|expanded|"
                           r"extended|designated|removed|revised|amended|authori[sz]ed|instructed|barred|banned)\b")
IN_MEASURE_ACTORS = {"Person", "Agency", "Administration", "Country"}
ZH_COLON_DESCRIBED = re.compile(r"\s*(?:[（(][^（）()]{1,40}[)）])?\s*[：:]\s*[^，。；：:、]{0,12}?")
# "X, a chipmaker based in the United States", "X, headquartered in Japan": where a firm or a body is based
EN_BASED_IN = re.compile(r"\.?\s*(?:\([^()]{1,40}\)\s*)?(?:,\s*(?:(?:an?|the)\s+[^,;:.()]{0,60}?\s+)?|"
                         r"\s+(?:is|was|are|were)\s+(?:also\s+|now\s+)?)"
                         r"(?:based|headquartered|registered|incorporated)\s+in\s+(?:the\s+)?")
BASED_TYPES = {"Company", "Organization"}
ZH_COMMA_DESCRIBED = re.compile(r"\s*(?:[（(][^（）()]{1,60}[)）])?\s*[，,]\s*")
ZH_FIELD_AFTER = re.compile(r"(?:[与和及、][\u4e00-\u9fffA-Za-z]{1,8}?)*(?:等)?领域")
ZH_MAKER_AFTER = re.compile(r"(?:整机|整车|设备|材料|芯片|产品)?"
                            r"(?:制造商|供应商|生产商|厂商|企业|公司|龙头|巨头|商|厂)")
# "Hong Kong-registered X Ltd": a firm's seat, then its name
EN_PLACE_BASED = re.compile(r"-(?:based|registered|headquartered|incorporated)\s+")
# 甲会同乙、丙（联合）公布《…》: the bodies of the list issue the measure with the one before 会同
ZH_CO_ISSUE = re.compile(r"(?:会同|联合|与)([^，。；《》]{2,80}?)(?:等[一-九\d]+个?部门)?(?:共同|联合)?"
                         r"(?:公布|发布|印发|出台|制定|颁布|发出)(?:了)?")
ZH_ISSUER_BEFORE = re.compile(r"\s*(?:[（(][^（）()]{0,30}[)）])?\s*")
# "…, adding them to the", "…, and placed them on the": a list that takes the names a verb before it took
EN_THEM_LISTED = re.compile(r"[^.;:]{0,120}?,\s*(?:and\s+)?(?:add(?:s|ed|ing)?|plac(?:e|es|ed|ing)|put(?:s|ting)?)\s+"
                            r"(?:them|both|each)\s+(?:to|on)\s+(?:the\s+)?", re.IGNORECASE)
EN_DESIGNATING = re.compile(r"\b(?:designat(?:e|es|ed|ing)|sanction(?:s|ed|ing)|identif(?:y|ies|ied|ying)|"
                            r"nam(?:e|es|ed|ing)|targets?|targeted|targeting)\s+(?:[\w\-,.]+\s+){0,6}?$")
THEM_LISTED_TYPES = frozenset({"Person", "Company", "Organization"})
# 把/将 between a measure and the first of the fields it names, and what it makes them after the list
ZH_BA = re.compile(r"[》”\"]?\s*(?:[（(][^（）()]{0,30}[)）])?\s*(?:附录|附件|第[一二三四五六七八九十\d]{1,3}条)?"
                   r"(?:还|也|则|进一步|明确)?(?:把|将)")  # 《指引》附录将…列为重点: a part of the measure
ZH_FOCUS_AFTER = re.compile(r"(?:等)?(?:[\u4e00-\u9fff]{0,4}?领域|[\u4e00-\u9fff]{0,4}?产业|[^，。；：]{0,24}?)"
                            r"(?:列为|作为|确定为|纳入|列入)[^，。；]{0,8}?(?:重点|方向|领域|范围|任务|目标)")
# a comparison or a rivalry is a reading of a whole passage, not of two names side by side
NOT_FROM_COOCCURRENCE = {"MENTIONS", "HAS_SECTION", "COMPARED_WITH", "COMPETES_WITH", "COOPERATES_WITH", "RESPONDS_TO"}
NATIONALS = {"Company", "Agency", "Organization"}
MAKER = (r"(?:maker|chipmaker|toolmaker|carmaker|automaker|manufacturer|supplier|producer|developer|designer|"
         r"vendor|company|firm|group|giant|foundry|provider|contractor|shipbuilder)s?")
ACTORS = {"Administration", "Agency", "Country", "Person", "Company", "Organization"}


@dataclass(frozen=True)
class Item:
    """A typed name in a sentence: a gazetteer mention (ref = entity id) or a candidate (ref = its key)."""

    start: int
    end: int
    ref: str
    type: str
    name: str
    candidate: bool
    anaphor: bool = False  # words such as "the list" that point back to this name
    surface: str = ""  # the words of the sentence that name it

    @property
    def is_list(self) -> bool:
        """A standing list (the Entity List, 不可靠实体清单), not any instrument: what LISTED_ON points to."""
        return bool(LIST_WORD.search(f"{self.name} {self.surface}"))


LIST_WORD = re.compile(r"(?<![A-Za-z])list(?![a-z])|清单|名单", re.IGNORECASE)


@dataclass
class Proposal:
    source: Item
    type: str
    target: Item
    doc: str
    sentence: Sentence
    kind: str  # pattern | structure | lexicon | cooccur
    reason: str
    features: dict[str, float] = field(default_factory=dict)
    confidence: float = 0.0

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source.ref, self.type, self.target.ref)

    @property
    def id(self) -> str:
        raw = f"{self.doc}|{self.sentence.start}|{self.source.ref}|{self.type}|{self.target.ref}"
        if self.sentence.kind == "window":
            raw += f"|{self.sentence.end}"
        return "p:" + hashlib.sha1(raw.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Structure:
    id: str
    lang: str
    regex: re.Pattern[str]  # matched on the text between the two items
    a_types: frozenset[str]  # type of the earlier item
    b_types: frozenset[str]
    yields: str
    reverse: bool  # the later item is the relation's source


def _s(id_: str, lang: str, rx: str, a: Iterable[str], b: Iterable[str], yields: str, reverse: bool) -> Structure:
    return Structure(id_, lang, re.compile(rx, re.IGNORECASE), frozenset(a), frozenset(b), yields, reverse)


ZH_FIRM = r"企业|公司|厂商|厂家|制造商|供应商|承包商|集团|巨头|龙头企业|龙头"
ZH_APPROVAL = re.compile(r"(?:经|报|报请|提请)[\u4e00-\u9fff]{2,12}?(?:审查|审核)?批准")
AGENT_TYPES = {"Agency", "Administration", "Person", "Country", "Company", "Organization"}
# a supplement's destination line that goes on after the country ("a. Under CHINA, PEOPLE'S REPUBLIC OF, add:")
UNDER_DESTINATION = re.compile(r"\s*(?:[a-z0-9]{1,2}[.)]\s+)?Under\s+")
# the persons a release designated, added to a list: "these persons are added to the SDN List"
DESIGNATED_ADDED = re.compile(r"\b(?:the\s+designated|these|such|those)\s+(?:persons|entities|individuals|parties|"
                              r"companies)\b[^.;]{0,160}?\b(?:are|were|have\s+been|will\s+be)\s+(?:added|placed)\s+"
                              r"(?:to|on)\b", re.IGNORECASE)
# between two agents of one passive verb ("issued by Commerce and the Department of State")
AGENT_JOIN = re.compile(r"\s*(?:[(（][^()（）]{1,40}[)）])?\s*,?\s*(?:and|or|&)\s+(?:the\s+)?|['’]s?\s+(?:own\s+)?",
                        re.IGNORECASE)  # (or a possessive: "issued by China's Ministry of Commerce")
# a clause that opens inside a body ("Within Treasury, the Office …", "At Commerce, BIS …"): the name after the
# comma is its unit, not its parent
EN_WITHIN_BEFORE = re.compile(r"(?:^|[;:]\s*)\s*(?:Within|Inside|At|In)\s+(?:the\s+)?$")

# Possessives and appositions: the words between two names say how they belong together.
LEADABLE = {"Agency", "Country", "Organization"}
HEAD_TITLE = (r"(?:(?:Under\s+)?Secretary|Minister|Director|Administrator|Chair(?:man|woman|person)?|President|"
              r"Premier|Prime\s+Minister|Governor|Commissioner|Chief\s+Executive(?:\s+Officer)?|CEO)")

ISSUED_BY = (r"^[”\"]?\s*(?:[(（][^()（）]{1,60}[)）])?\s*,?\s*(?:issued|published|released|promulgated|compiled)\s+"
             r"(?:jointly\s+|together\s+)?by\s+"
             r"(?:the\s+)?$")

ITS = (r"^\s*(?:[(（][^()（）]{1,20}[)）])?\s*,?\s*(?:(?:[a-z]+\s+)?(?:through|via)\s+|(?:and|with|under|in)\s+)?its\s+"
       r"(?:own\s+|new\s+|newly\s+(?:created|established)\s+)?$")
# (an apposition may describe the first firm: "X Sdn. Bhd., a Malaysian server integrator, and its Singapore
# affiliate Y")
ITS_UNIT = (r"^\s*(?:[(（][^()（）]{1,20}[)）])?\s*\.?,?\s*(?:(?:a|an|the)\s+[^,;()]{1,80}?,\s*)?"
            r"(?:(?:through|via|and|with)\s+)?its\s+(?:[\w\-]+\s+){0,2}?"
            r"(?:subsidiary|subsidiaries|unit|affiliate|arm|division)\s*,?\s+$")

# "a Hanxin affiliate, Hanxin Microelectronics (Wuxi) Co., Ltd.", "Huawei subsidiary HiSilicon": the firm the first
# name's unit is (the first name only says whose)
FIRM_UNIT = r"^\s*(?:affiliate|subsidiary|unit|arm|division)\s*,?\s+$"
FIRM_UNIT_AFTER = re.compile(r"\s*(?:affiliate|subsidiary|unit|arm|division)\b")
# the titles of a body's head in Chinese (长 right after the body's 部: 经济部长), shared by the head-title structure
# and a person's post (POST_BETWEEN)
ZH_HEAD_TITLES = "长|部长|局长|署长|司长|厅长|主任|主席|会长|理事长"
STRUCTURES = [
    _s("en-possessive-administers", "en", r"^\s*['’]s?\s*$", {"Agency"}, MEASURES, "ADMINISTERS", False),
    _s("en-possessive-enacted", "en", r"^\s*['’]s?\s*$", {"Country", "Administration", "Person"}, {"Law", "Policy"},
       "ENACTED", False),
    # "Bureau of Industry and Security, Department of Commerce" (a Federal Register header), "the Treasury's
    # Office of Foreign Assets Control", 商务部工业与安全局: a unit and the agency it belongs to
    _s("en-agency-apposition", "en", r"^\s*[)）]?\s*,\s*(?:the\s+)?(?:U\.S\.\s+)?$", {"Agency"}, {"Agency"}, "PART_OF",
       False),
    _s("en-agency-possessive", "en", r"^\s*['’]s?\s*$", {"Agency"}, {"Agency"}, "PART_OF", True),
    _s("zh-agency-agency", "zh", r"^(?:的)?$", {"Agency"}, {"Agency"}, "PART_OF", True),
    _s("en-of-agency", "en", r"^\s*(?:[(（][^()（）]{1,20}[)）]\s*)?(?:,\s*)?(?:(?:(?:a|an|the)\s+)?"
       r"(?:unit|part|component|division|arm|office|"
       r"bureau|agency)\s+(?:of|within|in)|housed\s+(?:in|within)|of|within|in|under|at|inside)\s+(?:the\s+)?$",
       {"Agency"}, {"Agency"}, "PART_OF", False),
    _s("en-of-measure", "en", r"^\s*(?:[(（][^()（）]{1,40}[)）]\s*)?(?:,\s*)?"
       r"(?:(?:is|are|was|were|will\s+be|has\s+been)\s+(?:now\s+|also\s+|jointly\s+)?)?(?:administered|kept|run|maintained|managed|overseen|enforced|"
       r"implemented)\s+by\s+(?:the\s+)?$", MEASURES, {"Agency", "Organization"}, "ADMINISTERS", True),
    # "Export Control Control List (出口管制管控名单), issued by MOFCOM", "the Notice, published by MIIT": who issued it
    _s("en-issued-by", "en", ISSUED_BY, {"Law", "Policy"}, {"Agency", "Administration", "Country"}, "ENACTED", True),
    _s("en-list-issued-by", "en", ISSUED_BY, {"Instrument", "Programme"}, {"Agency", "Organization"}, "ADMINISTERS",
       True),
    _s("en-agency-measure-of", "en", r"^\s*(?:of|under)\s+(?:the\s+)?$", MEASURES, {"Agency"}, "ADMINISTERS",
       True),
    # "the Department of Energy (DOE), through its Loan Programs Office", "Huawei and its unit HiSilicon", "BIS and
    # its Entity List": what "its" gives to the name before
    _s("en-its-unit", "en", ITS, {"Agency"}, {"Agency"}, "PART_OF", True),
    _s("en-its-measure", "en", ITS, {"Agency"}, MEASURES, "ADMINISTERS", False),
    _s("en-its-company", "en", ITS_UNIT, {"Company"}, {"Company"}, "AFFILIATE_OF", True),
    _s("en-firm-affiliate", "en", FIRM_UNIT, {"Company", "Organization"}, {"Company"}, "AFFILIATE_OF", True),
    # "Pengyue, a Chinese fabrication facility controlled by Huawei", "X (X), which is majority-owned by Y": the
    # firm is the owner's affiliate
    _s("en-owned-by", "en", r"^\s*(?:[(（][^()（）]{1,40}[)）])?\s*\.?,\s*(?:(?:a|an|the)\s+[^,;()]{1,80}?\s+|"
       r"(?:which|that)\s+(?:is|was|are|were)\s+)(?:(?:wholly|majority|partly|ultimately)[- ])?(?:owned|controlled)"
       r"\s+by\s+(?:the\s+)?$", {"Company"}, {"Company"}, "AFFILIATE_OF", False),
    _s("en-company-of", "en", r"^\s*(?:,\s*)?(?:a\s+)?(?:subsidiary|unit|affiliate|arm)\s+of\s+(?:the\s+)?"
       r"(?:[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)?['’]s\s+)?$",  # "…, a subsidiary of Australia's Syrah Resources"
       {"Company"}, {"Company", "Organization"}, "AFFILIATE_OF", False),
    # nationality: "ASML, the Dutch maker", "Tokyo Electron, Japan's largest…", "Japan's Ministry of…",
    # "the Chinese chipmaker SMIC", 荷兰阿斯麦, 日本的经济产业省
    _s("en-apposition-country", "en", r"^\.?[\"”]?\s*(?:[(（][^()（）]{1,40}[)）]|[)）])?\s*,\s*"
       r"(?:the\s+|a\s+|an\s+|both\s+|all\s+)?"
       r"(?:(?:largest|biggest|leading|top|main|major|second-largest|state-owned|state-backed|flagship)\s+)?$",
       NATIONALS, {"Country"},
       "BELONGS_TO", False),
    # "Sinar Awan Technologies Sdn. Bhd., a shell company in Kuala Lumpur, Malaysia": where the firm described is
    _s("en-apposition-seat", "en", r"^\.?[\"”]?\s*(?:[(（][^()（）]{1,40}[)）])?\s*,\s*(?:a|an|the)\s+"
       r"(?:[\w\-]+\s+){0,4}?"
       r"(?:company|firm|maker|manufacturer|supplier|distributor|trader|subsidiary|affiliate|start-?up|vendor|"
       r"developer|producer|exporter|importer|entity|intermediary|reseller|broker|operator)\s+(?:(?:based|located|"
       r"registered|headquartered|incorporated)\s+)?in\s+(?:[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2},\s+)?$",
       NATIONALS, {"Country"}, "BELONGS_TO", False),
    # a party and its country in brackets, as notices list them: "Falcon Crest Trading FZE (UAE); …"
    _s("en-party-bracket-country", "en", r"^\.?\s*[(（]\s*$", {"Company", "Organization"}, {"Country"}, "BELONGS_TO",
       False),
    # a line whose topic is a country: "日本：经济产业省…", "- **Japan**: METI …"
    _s("topic-country", "any", r"^\s*\**\s*[:：]\s*\**\s*$", {"Country"}, NATIONALS, "BELONGS_TO", True),
    # "shipping concentrate to Shenghe Resources in China": a firm and the country it is in
    _s("en-company-in-country", "en", r"^\s+in\s+(?:the\s+)?$", {"Company"}, {"Country"}, "BELONGS_TO", False),
    # "Wacker Chemie AG of Germany", "Telefónica of Spain": a firm and its country
    _s("en-company-of-country", "en", r"^\.?\s+of\s+(?:the\s+)?$", {"Company"}, {"Country"}, "BELONGS_TO", False),
    _s("en-possessive-country", "en", r"^\s*['’]s?\s+(?:[\w\-]+\s+){0,3}$", {"Country"}, NATIONALS, "BELONGS_TO",
       True),
    # "the U.S. International Development Finance Corporation", "Dutch ASML": a nationality right before a name
    _s("en-country-adjacent", "en", r"^\s$", {"Country"}, NATIONALS | {"Administration"}, "BELONGS_TO", True),
    # "its Singapore affiliate Lumen Harbour": a unit's country before its word
    _s("en-country-unit", "en", r"^\s+(?:affiliate|subsidiary|unit|arm)\s+$", {"Country"}, {"Company"}, "BELONGS_TO",
       True),
    _s("en-country-maker", "en", rf"^\s+(?:[\w\-]+\s+){{0,3}}?{MAKER}\s+$", {"Country"}, {"Company"}, "BELONGS_TO",
       True),
    _s("en-country-role", "en", r"^\s+(?:[\w\-]+\s+){0,2}?(?:minister|secretary|spokes(?:person|man|woman)|ambassador|"
       r"commissioner|official|lawmaker|senator|envoy|diplomat|regulator)s?\s+$", {"Country"}, {"Person"}, "BELONGS_TO",
       True),
    # 澳大利亚资源部长玛德琳·金, 日本驻华大使X: a country, a post, a person (the person serves that country)
    _s("zh-country-role", "zh", r"^(?:的)?(?:驻[\u4e00-\u9fff]{1,4})?[\u4e00-\u9fff]{0,8}?"
       r"(?:部长|大臣|外长|大使|国务卿|发言人|总理|总统|首相|议员|特使|官员)(?:[\u4e00-\u9fff]{1,5}·)?$",
       {"Country"}, {"Person"}, "BELONGS_TO", True),
    # 美国特朗普政府: an administration named after its country is that country's
    _s("zh-country-prefix", "zh", r"^(?:的|企业|公司)?$", {"Country"}, NATIONALS | {"Administration"}, "BELONGS_TO",
       True),
    # what a company makes: "X, the Dutch maker of chipmaking equipment", "X, both makers of Y"
    _s("en-maker-of", "en", rf"^\s*[)）]?\s*,\s*(?:(?:the|a|an|both|two|all)\s+)?(?:[\w\-']+\s+){{0,4}}?{MAKER}\s+"
       r"(?:of|for|in)\s+(?:[\w\-]+\s+){0,2}$", {"Company"}, {"Sector", "ChainSegment"}, "OPERATES_IN", False),
    _s("zh-possessive-administers", "zh", r"^(?:的|所属的?)$", {"Agency"}, MEASURES, "ADMINISTERS", False),
    # 突破减速器、伺服电机和力传感器等环节，夯实人形机器人产业链: the links listed, then the chain they make up
    _s("zh-links-then-chain", "zh", r"^(?:[、和及与][^，。；、]{1,12}?)*" + ZH_LINKS_TO_CHAIN + "$",
       {"ChainSegment", "Sector"}, {"IndustryChain"}, "PART_OF", False),
    _s("zh-under-agency", "zh", r"^(?:下属的?|下设的?|所属的?|内设的?)$", {"Agency"}, {"Agency"}, "PART_OF", True),
    # a parent company: "X's parent company Y", X的（美国）母公司Y
    _s("en-parent-company", "en", r"^\s*['’]s?\s+(?:[\w\-]+\s+)?parent(?:\s+company)?,?\s+$", {"Company"},
       {"Company"}, "PART_OF", False),
    _s("zh-parent-company", "zh", r"^(?:的)?[^，。；、,;（）()]{0,6}?(?:母公司|控股股东|所属集团)$", {"Company"},
       {"Company"}, "PART_OF", False),
    # "Hanwha Group (韩华集团) affiliates Hanwha Ocean …", "Tencent subsidiary Tencent Music": the group, a plural or
    # singular word for its units, then a unit (the list's other names share it)
    _s("en-group-affiliates", "en", r"^\s*(?:[(（][^()（）]{1,30}[)）])?\s*(?:['’]s\s+)?"
       r"(?:affiliates?|subsidiar(?:y|ies)|units?)\s*$", {"Company"}, {"Company"}, "AFFILIATE_OF", True),
    _s("zh-under-company", "zh", r"^(?:旗下的?|下属的?|子公司)$", {"Company"}, {"Company"}, "AFFILIATE_OF", True),
    _s("zh-by-agency", "zh", r"^(?:由)$", MEASURES, {"Agency", "Organization"}, "ADMINISTERS", True),
    # what a company works in, by the words between: "memory chipmaker CXMT", "drone maker DJI", 存储芯片企业长鑫存储
    _s("en-sector-maker", "en", rf"^\s+{MAKER}\s+$", {"Sector", "ChainSegment"}, {"Company"}, "OPERATES_IN", True),
    _s("zh-sector-firm", "zh", rf"^(?:{ZH_FIRM})$", {"Sector", "ChainSegment"}, {"Company"}, "OPERATES_IN", True),
    # what a policy has a firm grow: 支持长电科技发展先进封装测试, 支持北方华创突破刻蚀设备, X扩大大硅片材料供给
    _s("zh-firm-grows-field", "zh", r"^(?:加快|继续|重点)?(?:扩大|发展|突破|提升|做强|做大|布局|攻关|研发|生产|"
       r"建设|拓展|扩充|深耕|量产)(?:先进|高端|国产)?$", {"Company"}, {"Sector", "ChainSegment"}, "OPERATES_IN", False),
    # a nationality with a description between: 美国存储芯片企业美光, 美国无人机企业斯凯迪奥 (no verb, no other party)
    _s("zh-country-described", "zh", rf"^(?:的)?[^，。；、,;（）()对将把被向与和及在等是为]{{1,10}}?(?:{ZH_FIRM})$",
       {"Country"}, {"Company"}, "BELONGS_TO", True),
    # who heads it, by the title between: "Treasury Secretary Scott Bessent", 商务部部长王某, 美国总统…
    _s("en-head-title", "en", rf"^\s*(?:['’]s\s+)?{HEAD_TITLE}\s+$", LEADABLE, {"Person"}, "LED_BY", False),
    # "the Federal Communications Commission (FCC), under Chairman Ajit Pai,": the body, then who heads it
    _s("en-under-title", "en", rf"^\s*(?:[(（][^()（）]{{1,20}}[)）])?\s*,?\s*(?:then\s+)?"
       r"(?:under|led\s+by|headed\s+by)"
       rf"\s+(?:its\s+)?(?:then-|former\s+)?(?:Acting\s+)?{HEAD_TITLE}\s+$", LEADABLE, {"Person"}, "LED_BY", False),
    # "Matthew S. Axelrod, who oversees OEE", "Alan F. Estevez, who heads BIS": the body the relative clause says
    # the person heads
    _s("en-who-heads", "en", r"^\s*,\s*who\s+(?:also\s+|now\s+)?(?:oversees|heads|leads|runs|chairs|directs|"
       r"oversaw|headed|led|chaired|directed)\s+(?:the\s+)?(?:U\.S\.\s+)?$", {"Person"}, LEADABLE, "LED_BY", True),
    # a witness list or a signature: "Dana Whitfield, Director, Office of Export Enforcement"
    _s("en-person-title-org", "en", rf"^\s*,\s*(?:Acting\s+)?{HEAD_TITLE}\s*,\s*(?:the\s+)?(?:U\.S\.\s+)?$", {"Person"},
       LEADABLE, "LED_BY", True),
    # 商务部部长王某, 经济部长、副总理哈贝克 (长 right after the body's 部), 协会（VDA）会长X
    _s("zh-head-title", "zh", rf"^(?:（[^（）]{{1,20}}）)?(?:的)?(?:{ZH_HEAD_TITLES}|总统|总理|首相|委员长)"
       r"(?:、副?[\u4e00-\u9fff]{1,4})?(?:[\u4e00-\u9fff]{1,5}·)?$", LEADABLE,  # 总统唐纳德·特朗普: a given name
       {"Person"}, "LED_BY", False),
]
# "X是美国规模最大的…建造企业", "德州仪器等美国模拟芯片厂商": a company said to be a country's firm
ZH_LIST_DENG = re.compile(r"^(?:（[^（）]{1,40}）)?(?:[和、及与][^，。；（）和、及与]{1,20}"
                          # 盛美半导体设备（上海）股份有限公司（盛美上海）: a seat and a short name in brackets
                          r"(?:（[^（）]{1,40}）[^，。；（）和、及与]{0,8}){0,2})*等"  # (the last of the list too)
                          r"(?:[0-9一二三四五六七八九十百两]+[家个])?"  # …等28家美国实体
                          r"(?:国产|国内|本土|头部|主要|知名|龙头)?$")  # …等国产半导体设备商
EN_EACH_MAKER = re.compile(rf"\s*[)）]?\s*,\s*(?:both|all|each)\s+(?:[\w\-']+\s+){{0,3}}?{MAKER}\s+(?:of|for|in)\s+"
                           r"(?:[\w\-]+\s+){0,2}$")
# a list of goods or fields and the kind they are of: 大豆、玉米等农产品, 钐、钆等7类中重稀土, "and other minerals";
# a kind and the goods it includes: 农产品…，包括大豆, 关键矿产，如镓, "critical minerals such as gallium"
KINDS = {"Sector"}
KIND_OF_ZH = re.compile(r"\s*等(?:[\d一二三四五六七八九十]+[类种项个])?(?:的)?\s*")
KIND_OF_EN = re.compile(r"\s*,?\s+(?:and|or)\s+other\s+")
KINDS_SUCH_ZH = re.compile(r"(?:[^，。；、（）()]{0,12}[，,])?\s*(?:包括|包含|例如|比如|如|特别是|尤其是|含)\s*")
KINDS_SUCH_EN = re.compile(r"\s*,?\s+(?:such\s+as|including|notably|especially|like)\s+")
EN_MAKERS_SUCH_AS = re.compile(rf"\s+(?:[\w\-]+\s+){{0,2}}?{MAKER}\s*,?\s+(?:such\s+as|including|like)\s+")
EN_SUCH_AS = re.compile(r"\s*,?\s+(?:such\s+as|including|like)\s+")
# a group and its members listed after it: "MSP partners include A, B and C", "the Quad's members are …", 成员包括
MEMBERS_EN = re.compile(r"\s*(?:[(（][^()（）]{1,20}[)）])?\s*(?:['’]s?\s+)?(?:current\s+|founding\s+|other\s+)?"
                        r"(?:partners|members|member\s+(?:states|countries|economies)|participants|signatories)\s*,?\s+"
                        r"(?:now\s+)?(?:include|includes|included|are|were|comprise|comprises)\s*:?\s*(?:the\s+)?")
MEMBERS_ZH = re.compile(r"(?:的)?(?:成员国?|伙伴国?|参与方|缔约方)(?:包括|有|为|涵盖)[：:]?")
GROUPS = {"Organization", "Programme", "Policy"}
# a line whose topic is a country: "- **Japan**: …", 韩国：…
PERSON_THE_TITLE = re.compile(r"\s*,\s*(?:the|its)\s+")
TITLE_NAME = re.compile(r"(?:Representative|Secretary|Administrator|Director|Commissioner|Minister)\s*$")
TOPIC_LEAD = re.compile(r"\s*(?:[-*·•]|\d+[.、)]|[（(]?[一二三四五六七八九十]+[)）、])?\s*\**\s*")
TOPIC_COLON = re.compile(r"\s*\**\s*[:：]")
NATIONAL_OF = re.compile(r"\s*,\s*(?:\d{1,3}\s*,\s*)?(?:a|an)\s+")  # ("X, 45, a Singaporean national")
NATIONAL_AFTER = re.compile(r"\s+(?:national|citizen|resident)\b")
# a ban on exports to a party: its actor or measure and the destination
BANNERS = {"Agency", "Country", "Administration", "Policy", "Instrument", "Law"}
BAN_EXPORTS_TO_EN = re.compile(r"\s*(?:[(（][^()（）]{1,40}[)）]\s*)?,?\s*(?:[a-z]+\s+){0,3}?(?:ban(?:s|ned)?|"
                               r"prohibit(?:s|ed)?|bar(?:s|red)?|halt(?:s|ed)?|suspend(?:s|ed)?|restrict(?:s|ed)?|"
                               r"curb(?:s|ed)?|stop(?:s|ped)?|den(?:y|ies|ied))\s+(?:[a-z\-]+\s+){0,2}?(?:exports?|"
                               r"shipments?|sales?)\s+of\s+[^.;]{1,80}?\s+to\s+(?:the\s+)?")
BAN_EXPORTS_TO_ZH = re.compile(r"[^，。；]{0,20}?(?:禁止|暂停|停止|不予许可|不许可|限制)[^，。；]{0,10}?(?:向|对)")
ZH_EXPORT_AFTER = re.compile(r"[^，。；]{0,8}?出口")
# two names as the subject of a verb of acting together
PARTNERS = {"Country", "Agency", "Organization", "Company"}
JOINT_PAIR_EN = re.compile(r"\s*(?:[(（][^()（）]{1,20}[)）])?\s*,?\s+and\s+(?:the\s+)?")
JOINT_PAIR_ZH = re.compile(r"[（(]?[^（）()，。；]{0,20}[)）]?(?:和|与|同|及)")
JOINT_EN = re.compile(r"\s*(?:[(（][^()（）]{1,20}[)）])?\s*,?\s+(?:have\s+|has\s+|had\s+|will\s+|also\s+|jointly\s+|"
                      r"together\s+)*(?:signed|sign|agreed|agree|cooperate[sd]?|collaborate[sd]?|partnered|concluded|"
                      r"reached|launched|align(?:ed)?|coordinate[sd]?|continue\s+negotiations|negotiated|"
                      r"formed|established|set\s+up|issued\s+a\s+joint|announced\s+a\s+joint)\b")
RIVALS_EN = re.compile(r"\s*(?:[(（][^()（）]{1,20}[)）])?\s*,?\s+(?:still\s+|now\s+|directly\s+|increasingly\s+)*"
                       r"(?:compete[sd]?|are\s+rivals|vie[sd]?)\b")
RIVALS_ZH = re.compile(r"(?:[（(][^（）()]{1,20}[)）])?[^，。；、]{0,14}?(?:竞争|角力|博弈|竞赛|抗衡)")
JOINT_ZH = re.compile(r"(?:[（(][^（）()]{1,20}[)）])?(?:双方|两国|两家|此前|已|还|将|正式|于[^，。；]{1,12})*"
                      r"(?:签署|签订|达成|合作|联合|共同|携手|合资|结成|组建)")
# what two names, side by side as one subject, do together: (relation, reason, verbs after them by language,
# whether both must be of one type)
PAIR_SUBJECT_VERBS = [
    ("COOPERATES_WITH", "structure joint-subject", {"en": JOINT_EN, "zh": JOINT_ZH}, False),
    ("COMPETES_WITH", "structure rival-subjects", {"en": RIVALS_EN, "zh": RIVALS_ZH}, True),
]
ZH_FIRM_NEXT = re.compile(rf"(?:[和与及、][^，。；、]{{1,12}}?)?(?:的)?(?:{ZH_FIRM}|设计企业|制造企业|"
                          r"商(?![务品业标会户场人城圈铺贸]))")  # 半导体设备商: a maker of the field
# 美光……与韩国的三星电子、SK海力士同台竞争: the subject firm competes with the firms 与 brings in
ZH_WITH_BEFORE = re.compile(r"(?:与|同|和)(?:[^，。；、]{0,6}的)?(?:[^，。；与同]{1,24}?[、和及])?$")
ZH_RIVAL_AFTER = re.compile(r"(?:[（(][^（）()]{1,30}[)）])?(?:[、和及与][^，。；]{1,20}?)?[^，。；、]{0,6}?"
                            r"(?:竞争|抗衡|角力|竞逐|争夺)")
ZH_IS_A = re.compile(r"^(?:（[^（）]{1,40}）)?(?:是|为|系|等)"
                     r"(?:一家|一批|多家|全球|[0-9一二三四五六七八九十百两]+[家个])?$")
# 英伟达公司为美国人工智能芯片企业: the words between a firm and the field of the kind of firm it is
ZH_IS_A_FIELD = re.compile(r"(?:为|是|系)(?:一家|全球|国内|我国)?[^，。；、,;（）()]{0,8}?")
ZH_FIRM_AFTER = re.compile(rf"^(?:的)?[^，。；、,;（）()]{{0,14}}?(?:{ZH_FIRM}|防务承包商|实体)")
# "Y's chip design unit X": X is Y's unit
EN_OWNER_UNIT = re.compile(r"['’]s\s+(?:[\w\-]+\s+){0,3}?(?:arm|unit|subsidiary|affiliate|division)\s+")
# "X, Y's chip-design arm": X is Y's unit
EN_UNIT_AFTER = re.compile(r"['’]s\s+(?:[\w\-]+\s+){0,2}?(?:arm|unit|subsidiary|affiliate|division|branch)\b",
                           re.IGNORECASE)
# 对 + its object + the verb: 市场监管总局对谷歌公司涉嫌违反反垄断规定立案调查, 外交部对斯凯迪奥采取反制措施
ZH_DUI_ACTORS = {"Agency", "Country", "Organization", "Administration"}
# a measure, then 对 and its object: 2023年第23号公告、对镓和锗相关物项实施出口管制
ZH_MEASURE_DUI = re.compile(r"》?[、，,]?(?:决定|将|拟|即)?对")
ZH_DUI = re.compile(r"^(?:也|已|还|将|依法|随即|正式|决定|宣布|于[^，。；]{1,10}?)*对$")
# 向/为/给 + its object + the verb: 经济产业省向本土企业Rapidus提供巨额补贴, 大基金为长江存储注资
ZH_XIANG_ACTORS = {"Agency", "Country", "Organization", "Administration", "Company", "Programme"}
ZH_XIANG = re.compile(r"^(?:也|已|还|将|再|于[^，。；]{1,10}?)?(?:向|为|给|作为)(?:[^，。；、和与及]{0,8}?)$")
ZH_XIANG_AFTER = re.compile(r"[^，。；：]{0,14}")
ZH_DUI_VERB = re.compile(r"(?:[（(][^（）()]{1,60}[)）])?"  # the object's Latin form
                         r"[^，。；：]{0,24}?(?:进行|实施|采取|展开|开展|发起|启动|予以)?(?:的)?"
                         r"(立案调查|反垄断调查|调查|审查|制裁|反制措施|反制|处罚|约谈|出口管制|管控措施|加征关税|"
                         # 欧盟委员会对第62号公告表示关切: a stance on the measure
                         r"表示(?:严重|强烈)?(?:关切|不满|反对)|(?:坚决|强烈)反对)")
# a subsidiary, an acquisition: 安似科技将成为新思科技的全资子公司, 新思科技收购安似科技, "Nvidia acquired Mellanox"
ZH_BECOMES = re.compile(r"^(?:（[^（）]{1,40}）)?(?:[^。；：]{0,30}?，)?(?:将|已|也|现)?(?:是|为|成为|系)"
                        r"(?:[^，。；、（）]{0,8}?)$")
ZH_SUBSIDIARY_AFTER = re.compile(r"^(?:（[^（）]{1,40}）)?(?:的)?(?:全资|控股|独资)?(?:子公司|附属公司|关联公司)")
ZH_ACQUIRES = re.compile(r"^(?:公司|集团)?(?:[（(]?[^（）()。，]{0,60}[）)])?(?:已|将|拟|于\d{4}年)?"
                         r"(?:收购|并购|全资收购)(?:了)?$")
EN_ACQUIRES = re.compile(r"^(?:\s*\([^()]{1,60}\))?\s*(?:has\s+|had\s+|will\s+)?(?:acquired|acquires|bought|buys|"
                         r"took over|completed (?:its|the) (?:acquisition|purchase) of)\s+(?:the\s+)?$")
# "华为的先进芯片主要由中芯国际代工", "中芯国际等晶圆厂仍依赖阿斯麦供货": the second company makes for, or
# supplies, the first
ZH_BY_OR_ON = re.compile(r"^[^。；！？]{0,20}?(?:由|依赖|依靠|仰赖)$")
ZH_SUPPLY_AFTER = re.compile(r"^[^，。；]{0,12}?(?:代工|供货|供应|提供|生产|制造)")
# a party's address as sanctions and entity lists give it: "NAME (a.k.a. X), Bao'an District, Shenzhen, Guangdong,
# China;" — capitalised place names only, the country last (then ";", ".", "[" or the end)
_PLACE = r"[A-Z0-9][\w'’.\-]*(?:\s+[A-Z0-9][\w'’.\-]*){0,4}"
ADDRESS_BETWEEN = re.compile(rf"^\.?\s*(?:\([^()]{{1,80}}\)\s*)?,\s*(?:a\.k\.a\.?[^,;()]{{1,60}},\s*)?"
                             rf"(?:{_PLACE},\s*){{1,5}}$")
ADDRESS_END = re.compile(r"^\s*(?:[;.:\[]|$)")
ADDRESSED = {"Company", "Organization", "Person"}
# "Secretary of the Treasury Scott Bessent": the title before the name of what its holder heads
ZH_ACTOR_JIANG = re.compile(r"(?:将|把)[^，。；将把]{1,30}$")
TITLE_RIGHT_BEFORE = re.compile(rf"(?<![\w\-])(?<!Assistant\s)(?<!Deputy\s)(?<!Vice\s)(?:Acting\s+)?{HEAD_TITLE}\s+$")
PERSON_OF = re.compile(r"\s+(?:of|at)\s+(?:the\s+)?"  # ("… of the Justice Department's National Security Division")
                       r"(?:(?:U\.S\.\s+)?[A-Z][\w\-.&]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w\-.&]*){0,5}['’]s\s+)?")
# what a firm makes, said in an apposition that names the field before the kind of firm: "X, an HBM packaging firm",
# "X, the Wuhan 3D NAND maker", "X, a specialty foundry" (the field's own word is the kind of firm)
DESCRIBED_OPEN = re.compile(r"\s*[)）]?\s*,\s*(?:the|a|an)\s+(?:[\w\-']+\s+){0,3}")
MAKER_AFTER = re.compile(rf"\s+(?:[\w\-]+\s+)?{MAKER}(?![\w\-])")
MAKER_END = re.compile(rf"(?<![\w\-]){MAKER}$", re.IGNORECASE)
# the reason a notice gives for listing a party: "X, [a.k.a. …, address], for developing supercomputers for …"
# or, in an item of a rule, "X. [address]. Reason: building advanced computing clusters …"
FOR_MAKING = re.compile(r"(?:(?<![\w\-])for|\breason:)\s+(?:developing|producing|making|manufacturing|providing|"
                        r"supplying|designing|building|supporting)\s+(?:[\w\-]+\s+){0,2}$", re.IGNORECASE)
HEAD_TITLE_BEFORE = re.compile(rf"(?<![\w\-]){HEAD_TITLE}\s+(?:of|for)\s+(?:the\s+)?$")
ZH_IN_CHARGE = re.compile(r"^(?:负责|主管|牵头|实施|执行|管理)")


# a legislator's party and state, "Rep. Jane Doe (R-Ohio)": the state is no party to what the sentence says
PARTY_STATE = re.compile(r"\((?:R|D|I)-$")
LATIN_FORM = re.compile(r"\s*[（(][^（()）]{1,80}[)）]")


def _elsewhere(x: Item) -> Item:
    """A name read from outside the sentence at hand (the document's own measure, a list named before, a title
    line's rule): the same name at no place in it, marked as pointed to."""
    return Item(0, 0, x.ref, x.type, x.name, x.candidate, True, x.surface)


def sentence_items(s: Sentence, mentions: list[Any], gaz: Gazetteer,
                   cands: list[tuple[int, int, Candidate]]) -> list[Item]:
    items = [Item(m.p_start - s.p_start, m.p_end - s.p_start, m.entity, gaz.entities[m.entity].type,
                  gaz.entities[m.entity].name, False, surface=s.text[m.p_start - s.p_start:m.p_end - s.p_start])
             for m in mentions if not PARTY_STATE.search(s.text, 0, m.p_start - s.p_start)]
    for a, b, c in cands:
        if c.node is not None:  # another form of a known entity: 美光（Micron） is one name of Micron
            inside = [i for i in items if a <= i.start and i.end <= b]
            if any(i.ref == c.node for i in inside) and any(i.type == "Country" for i in inside) \
                    and sum(i.end - i.start for i in inside) == b - a:
                continue  # 中国商务部: the mentions that make it up name it already, and its country
            if (m := LATIN_FORM.match(s.text, b)) is not None:
                b = m.end()
            ent = gaz.entities[c.node]
            items.append(Item(a, b, c.node, ent.type, ent.name, False, surface=s.text[a:b]))
        elif c.type:
            if not c.name.isascii() and (m := BRACKETED_LATIN.match(s.text, b)) is not None:
                # 洛克希德·马丁导弹与火控公司（Lockheed Martin Missiles and Fire Control）: one name, whatever known
                # name its Latin form opens with
                b = m.end()
            items.append(Item(a, b, c.key, c.type, c.name, True, surface=s.text[a:b]))
    items.sort(key=lambda i: (i.start, -i.end))
    out: list[Item] = []
    for it in items:  # a candidate inside a mention (or vice versa) is the same words twice
        if out and it.start < out[-1].end:
            continue
        out.append(it)
    return out


ZH_PARTNERS = re.compile(r"[^，。；：:,;]*")
ITEMS_ON = re.compile(r"\b(?:items?|goods|products|parts|components|commodities|technolog(?:y|ies))\s+"
                      r"(?:listed\s+)?(?:on|in|from)\s+(?:the\s+)?$", re.IGNORECASE)
EN_RELATIVE_BEFORE = re.compile(r"\b(?:which|that|whom)\s+(?:the\s+)?$")
# the verbs of a relative clause that say its agent launched the measure before it ("the strategy that the PRC
# launched"; the relation words of patterns.yaml have none for LAUNCHED)
EN_LAUNCH_VERB = re.compile(r"(?:launch(?:es|ed)?|initiat(?:es|ed)|start(?:s|ed))\b", re.IGNORECASE)
# a Latin form in brackets right after a Chinese name: （Lockheed Martin Missiles and Fire Control）
BRACKETED_LATIN = re.compile(r"[（(]\s*[A-Z][A-Za-z0-9&.,'’\-]*(?:\s+[A-Za-z0-9&.,'’\-]+){0,9}\s*[）)]")


# 对华出口管制, 对美加征关税, 对日反制: a one-character country after 对 names the country a measure is aimed at
ZH_DUI_SHORT = re.compile(r"对(华|美|日|韩|俄|荷|欧)(?=[\u4e00-\u9fff])")
ZH_SHORT_COUNTRY = {"华": "中国", "美": "美国", "日": "日本", "韩": "韩国", "俄": "俄罗斯", "荷": "荷兰", "欧": "欧盟"}


def _dui_countries(s: Sentence, items: list[Item], gaz: Gazetteer) -> list[tuple[Item, Item]]:
    """The country a one-character short form after 对 names (对华 → 中国), each with the measure the 对 phrase
    qualifies: the next measure (对华…出口管制新规) or the measure whose name holds it (a candidate 对华芯片禁令, whose
    words after the country are taken as the measure's here). They are read alone, with no other name."""
    out = []
    for m in ZH_DUI_SHORT.finditer(s.text):
        a, b = m.span(1)
        found = [e for e in gaz.lookup(ZH_SHORT_COUNTRY[m.group(1)]) if e.type in {"Country", "Organization"}]
        if len(found) != 1:
            continue
        v = Item(a, b, found[0].id, found[0].type, found[0].name, False, surface=m.group(1))
        holder = [y for y in items if y.type in MEASURES and y.start == m.start() and y.end > b]
        if holder:
            y = holder[0]
            out.append((v, Item(b, y.end, y.ref, y.type, y.name, y.candidate, surface=s.text[b:y.end])))
            continue
        if any(i.start < b and a < i.end for i in items):
            continue
        aimed = [y for y in items if y.type in MEASURES and y.start >= b and ZH_DUI_MEASURE.match(s.text[b:y.start])]
        if aimed:
            out.append((v, aimed[0]))
    return out


EN_INCLUDING = re.compile(r"^\s*(?:\([^()]{1,20}\)\s*)?,?\s*(?:including|incl\.)\s+"
                          r"(?:the\s+)?(?:(?:special\s+administrative\s+regions?\s+of\s+)?(?:the\s+)?)?"
                          r"(?:[^.;:()]{1,40}?(?:,|\band\b)\s+(?:the\s+)?)?$", re.IGNORECASE)
ZH_INCLUDING = re.compile(r"^[（(](?:含|包括)(?:[^（）()]{1,20}?[、和及与])?$")
COMPOSED = {"Agency", "Organization"}
MEMBERS = {"Agency", "Country", "Company", "Organization"}
EN_COMPOSED_OF = re.compile(r"^\s*(?:\([^()]{1,20}\)\s*)?,?\s*(?:which\s+is\s+|is\s+|was\s+)?(?:composed|made\s+up|"
                            r"consisting|comprised|comprising)\s+(?:of\s+)?(?:(?:senior\s+)?(?:representatives|officials)"
                            r"\s+(?:of|from)\s+)?(?:the\s+)?(?:[^.;:]*?(?:,|\band\b)\s+(?:the\s+)?)?$", re.IGNORECASE)
ZH_COMPOSED_OF = re.compile(r"^(?:（[^（）]{1,20}）)?(?:是|为|系)?由(?:[^，。；]*?[、和及与])?$")
ZH_COMPOSED_END = re.compile(r"[^，。；]{0,40}?(?:组成|构成)")
ZH_DUI_MEASURE = re.compile(r"^[^，。；、：:（）()“”]{0,12}$")
# …的(goods)…(verb) between a country of the 对 phrase and the measure; the rest of the list may come first
ZH_DUI_GOODS_MEASURE = re.compile(r"(?:[（(][^（）()]{1,40}[)）])?(?:[、和及与][^，。；：]{1,30}?)*"
                                  r"(?:进口|出口|生产|产|输美|输华)?"
                                  r"的[^，。；：]{1,50}?(?:发起|实施|征收|加征|采取|开展|启动|展开|作出)(?:了)?"
                                  # …发起反倾销和反补贴调查（…，下称"双反调查": the term the measure is defined by
                                  r"(?:[^，。；：（(]{0,20}[（(][^（）()]{0,40}?(?:以下简称|下称|简称)[“\"《]?)?")
ZH_DUI_FROM = re.compile(r"对(?:自|原产于|来自|产自)$")
# (a bracket opening after a name: its Latin form, the same name)
ZH_LIST_GLUE = re.compile(r"[)）]?(?:[（(][^（）()]{1,40}[)）])?[、和及与]|\s*[（(]\s*")


def _list_start(text: str, x: Item, items: list[Item]) -> int:
    """Where the list of names of x's type that x ends begins (柬埔寨（Cambodia）、马来西亚…和越南: 柬埔寨)."""
    start = x.start
    for i in sorted((i for i in items if i.type == x.type and i.end <= x.start), key=lambda i: -i.start):
        if ZH_LIST_GLUE.fullmatch(text, i.end, start):
            start = i.start
        elif i.end <= start:
            break
    return start


def propose_sentence(s: Sentence, items: list[Item], rules: list[Rule], schema: Schema, pat: Patterns,
                     prior: dict[tuple[str, str], tuple[str, bool]], rejected: list[str],
                     boundary: int | None = None, apart: int = 0) -> list[Proposal]:
    """Proposals between the typed names of one sentence; or, given ``boundary``, of a window of sentences
    (``apart`` sentences between the two ends), only between a name before the boundary and one after it."""
    lang = "zh" if s.language.startswith("zh") else "en"
    text = s.text
    found: dict[tuple[str, str, str], Proposal] = {}
    trigger_spans: list[tuple[int, int, Rule]] = []
    for rule in rules:
        if rule.lang != lang:
            continue
        trigger_spans += [(t.start(), t.end(), rule) for t in rule.triggers.finditer(text)]

    cues = [(t.start(), t.end(), r) for r, by_lang in pat.triggers.items() if by_lang.get(lang) is not None
            for t in by_lang[lang].finditer(text)]
    # a word inside a name is the name's, not the sentence's ("Fund" in "Big Fund", 子公司 in a company's name)
    named = [(i.start, i.end) for i in items if i.end > i.start]
    trigger_spans = [t for t in trigger_spans if not any(a < t[1] and t[0] < b for a, b in named)]
    cues = [t for t in cues if not any(a < t[1] and t[0] < b for a, b in named)]
    # 经国务院批准, 报国务院批准: who approves a measure (the schema has no such relation), no easing
    approvals = [m.span() for m in ZH_APPROVAL.finditer(text)] if lang == "zh" else []
    cues = [t for t in cues if not any(a <= t[0] and t[1] <= b for a, b in approvals)]

    blocks: dict[tuple[tuple[tuple[int, int], ...], bool], str | None] = {}
    denied: dict[frozenset[str], str] = {}  # pairs a negation here denies, whichever of their mentions it reaches
    window_block = None
    if boundary is not None:
        # across sentences nothing says which clause a negation or a contrast governs: none may stand there
        cue = pat.negation[lang].search(text) or pat.contrast[lang].search(text)
        window_block = f"{'negation' if pat.negation[lang].search(text) else 'contrast'} {cue.group(0)!r} in the " \
                       "sentences between" if cue else None

    def add(src: Item, rel: str, dst: Item, kind: str, reason: str, extra: dict[str, float],
            spans: list[tuple[int, int]], presupposed: bool = False) -> None:
        if src.ref == dst.ref or not _allowed(schema, rel, src.type, dst.type):
            return
        memo = (tuple(spans), presupposed)  # the same two names are read by several kinds of evidence
        if memo not in blocks:
            blocks[memo] = pat.block_reason(text, spans, lang, clause_level=not presupposed)
        block = blocks[memo]
        if block is None and rel == "LISTED_ON":
            block = pat.removal_reason(text, spans, lang)
        if block is None and boundary is not None:
            block = window_block
        if block is not None:
            rejected.append(f"{s.doc}@{s.start}: {src.name} -[{rel}]-> {dst.name}: {block}")
            if block.startswith("negation"):
                denied[frozenset((src.ref, dst.ref))] = block
            return
        key = (src.ref, rel, dst.ref)
        p = found.get(key)
        if p is None or _rank(kind) > _rank(p.kind):  # the features of a reading that is kept
            feats = _features(s, items, src, dst, rel, kind, reason.split(" ")[0], lang, trigger_spans, extra, cues)
            if apart:
                feats[f"apart={apart}"] = 1.0
                feats[f"apart_rel={apart}:{rel}"] = 1.0
            found[key] = Proposal(src, rel, dst, s.doc, s, kind, reason, feats)

    co_issue = ZH_CO_ISSUE.search(text) if lang == "zh" else None
    for x, y in itertools.combinations(items, 2):
        gap = y.start - x.end
        if gap < 0 or (boundary is not None and not x.end <= boundary <= y.start):
            continue
        # the usual relation between two typed names of one sentence; the scorer weighs how far apart they are
        _, c1 = clause(text, x.start, x.end)
        siblings = _siblings(text, x, y, items)
        readings = _readings(prior, x.type, y.type)
        for rel, forward in [] if siblings else readings:
            src, dst = (x, y) if forward else (y, x)
            add(src, rel, dst, "cooccur", f"cooccur {x.type}-{y.type}: usually {rel}",
                {"near": float(y.end <= c1 or gap <= NEAR[lang])}, [(x.start, x.end), (y.start, y.end)])
        if siblings and x.type in PARTNERS and y.type in PARTNERS and x.ref != y.ref and not x.anaphor \
                and not y.anaphor \
                and (JOINT_PAIR_ZH if lang == "zh" else JOINT_PAIR_EN).fullmatch(text, x.end, y.start) \
                and not any(i.end <= x.start and _siblings(text, i, x, items) for i in items if i is not x):
            # "The United States and Japan signed …", 甲与乙签署… (the two cooperate);
            # 华为与英伟达在…市场的竞争, "Huawei and Nvidia compete" (the two compete)
            for rel, reason, verbs, same_type in PAIR_SUBJECT_VERBS:
                if (x.type == y.type or not same_type) and verbs["zh" if lang == "zh" else "en"].match(text, y.end):
                    add(x, rel, y, "structure", reason, {}, [(x.start, y.end)])
        if lang == "zh" and x.type == "Company" and y.type == "Country" and not y.anaphor:
            # 甲公司（…）、乙公司（…）等28家美国实体: each firm of the list is one of that country's
            firms = [z for z in items if z.type == "Company" and x.end <= z.start and z.end <= y.start
                     and text.rfind("（", 0, z.start) <= text.rfind("）", 0, z.start)]  # not a Latin form
            tail = text[firms[-1].end:y.start] if firms else ""
            if firms and "等" in tail and ZH_IS_A.match(tail) and ZH_FIRM_AFTER.match(text[y.end:]) \
                    and _siblings(text, x, firms[-1], items, brackets=True):
                add(x, "BELONGS_TO", y, "structure", "structure zh-company-is-country", {}, [(x.start, y.end)],
                    presupposed=True)
        if x.type in GROUPS and y.type in {"Country", "Company", "Organization"} and not y.anaphor:
            members = [z for z in items if x.end <= z.start and z.end <= y.start]
            first = members[0] if members else y
            if (first is y or _siblings(text, first, y, items)) and \
                    (MEMBERS_ZH if lang == "zh" else MEMBERS_EN).fullmatch(text, x.end, first.start):
                add(y, "MEMBER_OF", x, "structure", "structure members-include", {}, [(x.start, y.end)],
                    presupposed=True)
        if x.type == "Country" and y.type in NATIONALS and not y.anaphor and TOPIC_LEAD.fullmatch(text, 0, x.start) \
                and (colon := TOPIC_COLON.match(text, x.end)) and text[colon.end():y.start].strip(" *") \
                and not any(i.type == "Country" and x.end <= i.start and i.end <= y.start for i in items):
            # 韩国：…，主要由产业通商资源部（MOTIE）与美方协调: a line whose topic is a country, its bodies further on
            add(y, "BELONGS_TO", x, "structure", "structure topic-country-line", {}, [(y.start, y.end)],
                presupposed=True)  # (what the line's clauses deny is not whose the body is)
        if lang == "en" and x.type == "Person" and y.type == "Country" and not y.anaphor \
                and NATIONAL_OF.fullmatch(text, x.end, y.start) and NATIONAL_AFTER.match(text, y.end):
            # "Li Wenhao, a PRC national", "X, a Chinese citizen": the person's country
            add(x, "BELONGS_TO", y, "structure", "structure national-of", {}, [(x.start, y.end)], presupposed=True)
        if lang == "en" and x.type == "Person" and y.type == "Agency" \
                and PERSON_THE_TITLE.fullmatch(text, x.end, y.start) and TITLE_NAME.search(y.surface):
            # "said Ambassador Katherine Tai, the U.S. Trade Representative": the office the title names is hers
            add(y, "LED_BY", x, "structure", "structure person-the-title", {}, [(x.start, y.end)], presupposed=True)
        if lang == "zh" and x.type == "Country" and y.type in MEASURES and not x.anaphor and gap <= 160 \
                and ZH_DUI_GOODS_MEASURE.fullmatch(text, x.end, y.start) \
                and ZH_DUI_FROM.search(text, 0, _list_start(text, x, items)):
            # 对自柬埔寨、马来西亚…和越南进口的晶体硅光伏电池发起反倾销和反补贴调查: the measure on goods from the
            # countries of the 对 phrase is aimed at each of them (however long the goods' name)
            add(y, "TARGETS", x, "structure", "structure zh-dui-goods", {}, [(x.start, y.end)])
        if gap > MAX_GAP[lang]:
            continue
        between = text[x.end:y.start]
        # "X Co., Ltd., a subsidiary of Y": the abbreviation's period ends the name, not the words after it
        joined = between[1:] if between.startswith(".") and x.type == "Company" and COMPANY_END.search(x.surface) \
            else between
        if lang == "zh" and (x.surface[-1:].isascii() or y.surface[:1].isascii()):
            joined = joined.strip(" ")  # 阿联酋人工智能企业 G42: the spaces around a Latin name are only typography
        # structures
        for st in STRUCTURES:
            if st.lang in (lang, "any") and x.type in st.a_types and y.type in st.b_types and st.regex.match(joined):
                if st.id == "zh-by-agency" and ZH_FUNDED_BY_AFTER.match(text, y.end):
                    continue  # 基金由财政厅出资: who pays into it (zh-receives-support), not who runs it
                src, dst = (y, x) if st.reverse else (x, y)
                if st.id == "en-agency-apposition" and EN_WITHIN_BEFORE.search(text, 0, x.start):
                    src, dst = y, x  # "Within Treasury, the Office of Investment Security …": the unit is Treasury's
                add(src, st.yields, dst, "structure", f"structure {st.id}", {}, [(x.start, x.end), (y.start, y.end)],
                    presupposed=True)
        if lang == "en" and x.type == "Country" and y.type in {"Company", "Organization"} \
                and EN_PLACE_BASED.fullmatch(between):
            # "Hong Kong-registered Silverpeak Resources Holdings Ltd": the firm's seat, before its name
            add(y, "BELONGS_TO", x, "structure", "structure en-place-based", {}, [(x.start, y.end)], presupposed=True)
        if co_issue is not None and x.type in {"Agency", "Organization"} and y.type in MEASURES \
                and ((co_issue.start(1) <= x.start and x.end <= co_issue.end(1))
                     or ZH_ISSUER_BEFORE.fullmatch(text, x.end, co_issue.start())) \
                and co_issue.end() <= y.start <= co_issue.end() + 1:
            # 国家网信办会同国家发展改革委、教育部…公布《办法》: each body of the list issues the measure with the first
            add(x, "ENACTED", y, "structure", "structure zh-co-issuers", {}, [(x.start, x.end), (y.start, y.end)])
        if lang == "en" and x.type in THEM_LISTED_TYPES and y.type == "Instrument" \
                and EN_THEM_LISTED.fullmatch(between) and EN_DESIGNATING.search(text, max(0, x.start - 80), x.start):
            # "OFAC is today designating X and Y pursuant to E.O. 13936, adding them to the SDN List": the names the
            # verb took are what "them" puts on the list
            add(x, "LISTED_ON", y, "structure", "structure en-them-listed", {}, [(x.start, x.end), (y.start, y.end)])
        if lang == "zh" and x.type in MEASURES and y.type in FIELD_ITEMS and ZH_BA.fullmatch(joined):
            # 《指导意见》把减速器、伺服电机…列为攻关重点: what a measure puts first is what it concerns (the list's
            # other names share it)
            last = _list_members(text, y, items)[-1]
            if ZH_FOCUS_AFTER.match(text, MEMBER_BRACKET.match(text, last.end).end()  # type: ignore[union-attr]
                                    if MEMBER_BRACKET.match(text, last.end) else last.end):
                add(x, "CONCERNS", y, "structure", "structure zh-ba-focus", {}, [(x.start, x.end), (y.start, y.end)])
        if lang == "en" and x.type in {"Policy", "Law"} and y.type in IN_MEASURE_ACTORS \
                and EN_IN_MEASURE_BETWEEN.fullmatch(between) and EN_IN_MEASURE_BEFORE.search(text, 0, x.start) \
                and EN_ACTS_AFTER.match(text, y.end):
            # "In Executive Order 14195 (…), President Donald Trump declared …": who acts in the measure issued it
            add(y, "ENACTED", x, "structure", "structure en-in-measure-acts", {}, [(x.start, x.end), (y.start, y.end)])
        if lang == "en" and x.type == "Company" and y.type in VENTURE_PARENTS \
                and (jv := EN_VENTURE.match(between)) is not None \
                and _only_names(text, x.end + jv.end(), y.start, items, appositions=True, joins=("with",)):
            # "ESMC, a joint venture of TSMC with Bosch, Infineon and NXP": each parent supports the venture
            add(y, "SUPPORTS", x, "structure", "structure en-venture-of", {}, [(x.start, x.end), (y.start, y.end)])
        if lang == "en" and x.type in FUNDED and y.type in FUNDERS | MEASURES and x.ref != y.ref \
                and EN_RECEIVED.fullmatch(between) is not None and EN_MONEY.search(between) \
                and not any(x.end <= i.start and i.end <= y.start and i.type in FUNDED | FUNDERS for i in items):
            # "TSMC Arizona received $6.6 billion under the CHIPS and Science Act": the measure or the funder supports
            # whoever received the money
            add(y, "SUPPORTS", x, "structure", "structure en-received-under", {},
                [(x.start, x.end), (y.start, y.end)])
        if lang == "zh" and x.type in FUNDED and y.type in FUNDERS and (
                (ZH_RECEIVES.fullmatch(joined) and ZH_SUPPORT_AFTER.match(text, y.end))
                or (joined == "由" and ZH_FUNDED_BY_AFTER.match(text, y.end))
                or (joined.startswith("由") and ZH_FUNDERS_LIST_END.match(text, _list_end(text, y, items))
                    and _only_names(text, x.end + 1, y.start, items))):
            # (Rapidus由丰田汽车（Toyota）、索尼（Sony）…等八家日企出资设立: each of the list's firms)
            # 晟鹏装备已获基金首批投资, 基金由广东省财政厅牵头出资: the second party supports the first
            add(y, "SUPPORTS", x, "structure", "structure zh-receives-support", {},
                [(x.start, x.end), (y.start, y.end)])
        if lang == "zh" and x.type in FUNDERS and y.type in FUNDED and text[max(0, x.start - 1):x.start] == "由" \
                and ZH_FUNDED_BY_BETWEEN.fullmatch(joined):
            add(x, "SUPPORTS", y, "structure", "structure zh-funded-by", {}, [(x.start, x.end), (y.start, y.end)])
        if lang == "zh" and x.type == "Company" and y.type in {"Sector", "ChainSegment"} \
                and ZH_COLON_DESCRIBED.fullmatch(joined) and ZH_MAKER_AFTER.match(text, y.end):
            # 金风科技（Goldwind）：国内领先的风电整机商: a firm the line describes as a maker of the goods
            add(x, "OPERATES_IN", y, "structure", "structure zh-colon-maker", {}, [(x.start, y.end)],
                presupposed=True)
        if lang == "zh" and x.type in {"Law", "Policy"} and y.type in {"Instrument", "Policy", "Programme"} \
                and x.ref != y.ref and ZH_BASIS_BEFORE.search(text, max(0, x.start - 4), x.start) \
                and (made := ZH_BASIS_MADE.search(joined)) is not None \
                and ZH_BASIS_MADE.fullmatch(joined, made.start()) \
                and not any(x.end <= i.start and i.end <= y.start and i.type in MEASURES and i.ref != x.ref
                            for i in items) and _allowed(schema, "ESTABLISHES", x.type, y.type):
            # 经济产业省依据《外汇及外国贸易法》（FEFTA）实施半导体设备出口管制: the law a measure is put in force
            # under establishes it
            add(x, "ESTABLISHES", y, "structure", "structure zh-basis-of-measure", {}, [(x.start, y.end)])
        if lang == "en" and x.type in BASED_TYPES and y.type == "Country" and EN_BASED_IN.fullmatch(joined) \
                and not any(x.end <= i.start and i.end <= y.start and i.type not in FIELD_ITEMS and i.ref != x.ref
                            for i in items):
            # "Vishay Intertechnology, Inc. (Vishay), a power semiconductors maker based in the United States"
            add(x, "BELONGS_TO", y, "structure", "structure en-based-in", {}, [(x.start, y.end)], presupposed=True)
        if lang == "zh" and x.type == "Company" and y.type in {"Sector", "ChainSegment"} \
                and (comma := ZH_COMMA_DESCRIBED.match(joined)) is not None \
                and (ZH_MAKER_AFTER.match(text, y.end) or ZH_FIELD_AFTER.match(text, y.end)) \
                and re.fullmatch(r"[与和及、]*", "".join(
                    c for k, c in enumerate(text[x.end + comma.end():y.start], x.end + comma.end())
                    if not any(i.start <= k < i.end and i.type in {"Sector", "ChainSegment"} for i in items))):
            # 1. 石英陆地系统公司（Quartz Land Systems），装甲车辆制造商; …，军用通信与电子战领域: a firm the line
            # describes, right after its name, as a maker of the goods or as in their field
            add(x, "OPERATES_IN", y, "structure", "structure zh-comma-field", {}, [(x.start, y.end)],
                presupposed=True)
        if lang == "en" and not between.strip() and x.type in LEADABLE and y.type == "Person" \
                and HEAD_TITLE_BEFORE.search(text, 0, x.start):
            add(x, "LED_BY", y, "structure", "structure en-title-of-head", {}, [(x.start, y.end)])
        if lang == "en" and x.type == "Person" and y.type in LEADABLE and PERSON_OF.fullmatch(between) \
                and TITLE_RIGHT_BEFORE.search(text, 0, x.start) and text[y.end:y.end + 2] not in {"'s", "’s"}:
            # "Secretary Jane Roe of the Department of Quartz": the department she heads
            add(y, "LED_BY", x, "structure", "structure en-titled-person-of", {}, [(x.start, y.end)])
        fields = {"Sector", "ChainSegment"}
        if lang == "en" and x.type == "Company" and y.type in fields and DESCRIBED_OPEN.fullmatch(joined) \
                and (MAKER_AFTER.match(text, y.end) or MAKER_END.search(y.surface)):
            add(x, "OPERATES_IN", y, "structure", "structure en-described-maker", {}, [(x.start, y.end)],
                presupposed=True)
        if lang == "en" and x.type == "Company" and y.type in fields and FOR_MAKING.search(between) \
                and not any(i.type == "Company" and x.end <= i.start and i.end <= y.start for i in items):
            add(x, "OPERATES_IN", y, "structure", "structure en-listed-for-making", {}, [(x.start, y.end)])
        if lang == "zh" and x.type == "Company" and y.type in fields and ZH_IS_A_FIELD.fullmatch(between) \
                and ZH_FIRM_NEXT.match(text, y.end):  # 英伟达公司为美国人工智能芯片企业: the field of the firm it is
            add(x, "OPERATES_IN", y, "structure", "structure zh-is-a-field-firm", {}, [(x.start, y.end)])
        if lang == "zh" and x.type == "Company" and y.type == "Company" and x.ref != y.ref \
                and (w := ZH_WITH_BEFORE.search(between)) and ZH_RIVAL_AFTER.match(text, y.end) \
                and not any(i.type == "Company" and x.end <= i.start and i.end <= x.end + w.start() for i in items):
            add(x, "COMPETES_WITH", y, "structure", "structure zh-competes-with", {}, [(x.start, y.end)])
        if lang == "zh" and x.type == "Company" and y.type == "Country" and ZH_LIST_DENG.match(between) \
                and ZH_FIRM_AFTER.match(text[y.end:]):  # 应用材料（…）和泛林集团（…）等美国设备厂商: each of the list
            add(x, "BELONGS_TO", y, "structure", "structure zh-company-is-country", {}, [(x.start, y.end)],
                presupposed=True)
        if lang == "en" and x.type == "Company" and y.type in {"Sector", "ChainSegment"}:
            # "Piotech and SiCarrier, both makers of …", "chipmaking-tool makers such as Naura and AMEC": each firm
            firms = [z for z in items if z.type == "Company" and x.end <= z.start and z.end <= y.start]
            if firms and _siblings(text, x, firms[-1], items) and EN_EACH_MAKER.match(text, firms[-1].end, y.start):
                add(x, "OPERATES_IN", y, "structure", "structure en-each-maker-of", {}, [(x.start, y.end)],
                    presupposed=True)
        if lang == "en" and y.type == "Company" and x.type in {"Sector", "ChainSegment"}:
            firms = [z for z in items if z.type == "Company" and x.end <= z.start and z.end <= y.start]
            first = firms[0] if firms else y
            such = EN_SUCH_AS if re.search(rf"{MAKER}$", x.surface) else EN_MAKERS_SUCH_AS  # "chip designers such as"
            if such.fullmatch(text, x.end, first.start) and (first is y or _siblings(text, first, y, items)):
                add(y, "OPERATES_IN", x, "structure", "structure en-makers-such-as", {}, [(x.start, y.end)],
                    presupposed=True)
        if lang == "zh" and x.type == "Company" and y.type in {"Sector", "ChainSegment"} and \
                (ZH_LIST_DENG.match(between) or between == "等") and ZH_FIRM_NEXT.match(text, y.end):
            # 寒武纪、海光信息等人工智能芯片企业: each firm of the list works in that field
            add(x, "OPERATES_IN", y, "structure", "structure zh-firms-of-sector", {}, [(x.start, y.end)],
                presupposed=True)
        if x.type in KINDS and y.type in KINDS and x.ref != y.ref and not x.anaphor and not y.anaphor:
            # 大豆、玉米等农产品, "gallium, germanium and other critical minerals": each listed is a kind of the last;
            # 农产品…，包括大豆、玉米, "critical minerals such as gallium": each listed is a kind of the first
            kinds = [z for z in items if z.type in KINDS and x.end <= z.start and z.end <= y.start]
            last = kinds[-1] if kinds else x
            if (last is x or _siblings(text, x, last, items)) and \
                    (KIND_OF_ZH if lang == "zh" else KIND_OF_EN).fullmatch(text, last.end, y.start):
                add(x, "PART_OF", y, "structure", "structure kinds-of", {},
                    [(x.start, y.end)])
            first = kinds[0] if kinds else y
            if (first is y or _siblings(text, first, y, items)) and \
                    (KINDS_SUCH_ZH if lang == "zh" else KINDS_SUCH_EN).fullmatch(text, x.end, first.start):
                add(y, "PART_OF", x, "structure", "structure kinds-such-as", {},
                    [(x.start, y.end)])
        if x.type in BANNERS and y.type in {"Country", "Company"} and not y.anaphor and x.ref != y.ref and (
                (lang == "en" and BAN_EXPORTS_TO_EN.fullmatch(text, x.end, y.start))
                or (lang == "zh" and BAN_EXPORTS_TO_ZH.fullmatch(text, x.end, y.start)
                    and ZH_EXPORT_AFTER.match(text, y.end))):
            # "MOFCOM banned exports of gallium to the United States", 商务部禁止向美国出口…: whom the ban is aimed at
            add(x, "TARGETS", y, "structure", "structure ban-exports-to", {}, [(x.start, y.end)])
        if lang == "zh" and x.type == "Company" and y.type == "Country" and ZH_IS_A.match(between) \
                and ZH_FIRM_AFTER.match(text[y.end:]):
            # "X等美国设备厂商不再供货": an apposition (等) is presupposed, whatever the clause then denies
            add(x, "BELONGS_TO", y, "structure", "structure zh-company-is-country", {}, [(x.start, y.end)],
                presupposed="等" in between)
        if lang == "zh" and x.type == "Company" and y.type == "Company" and ZH_BECOMES.match(between) \
                and ZH_SUBSIDIARY_AFTER.match(text[y.end:]) and x.ref != y.ref \
                and not any(i.type == "Company" and x.end <= i.start and i.end <= y.start for i in items):
            # 安似科技将成为新思科技的全资子公司, 安世总部位于荷兰，是中国企业闻泰科技的全资子公司
            add(x, "AFFILIATE_OF", y, "structure", "structure zh-subsidiary-of", {}, [(x.start, y.end)])
        if lang == "en" and x.type == "Company" and y.type == "Company" and re.fullmatch(r"\s*,\s*", between) \
                and EN_UNIT_AFTER.match(text, y.end):  # "HiSilicon, Huawei's chip-design arm"
            add(x, "AFFILIATE_OF", y, "structure", "structure en-company-unit", {}, [(x.start, y.end)])
        if lang == "en" and x.type == "Company" and y.type == "Company" and x.ref != y.ref \
                and EN_OWNER_UNIT.fullmatch(between):  # "Huawei's chip design unit HiSilicon"
            add(y, "AFFILIATE_OF", x, "structure", "structure en-owner-unit", {}, [(x.start, y.end)])
        # 外交部决定对美国斯凯迪奥公司…: the country before the object's name says whose it is, no more
        whose = next((i.start for i in items if i.type == "Country" and i.end == y.start and x.end <= i.start
                      and y.type != "Country"), y.start)
        if lang == "zh" and x.type in ZH_DUI_ACTORS and ZH_DUI.match(text[x.end:whose]) and not y.anaphor:
            # 市场监管总局对谷歌公司涉嫌…立案调查, 美方对中国企业实施制裁: the verb comes after its object
            verb = ZH_DUI_VERB.match(text, y.end)
            if verb is not None:
                rel = "REVIEWS" if verb.group(1) in {"调查", "审查", "立案调查", "反垄断调查"} else \
                    "SANCTIONS" if verb.group(1) in {"制裁", "反制措施", "反制"} and y.type != "Country" else \
                    "OPPOSES" if "反对" in verb.group(1) or "表示" in verb.group(1) else "TARGETS"
                if rel == "OPPOSES" and not _allowed(schema, rel, x.type, y.type):
                    continue  # 中方对美方做法表示不满: a stance on a measure only
                if not _allowed(schema, rel, x.type, y.type):
                    rel = "TARGETS"
                add(x, rel, y, "structure", f"structure zh-dui-{rel.lower()}", {}, [(x.start, y.end)])
        if lang == "zh" and x.type in {"Policy", "Law"} and y.type in {"Sector", "ChainSegment", "Country", "Company"} \
                and ZH_MEASURE_DUI.fullmatch(text, x.end, whose) and not y.anaphor \
                and (dui := ZH_DUI_VERB.match(text, y.end)) is not None and "表示" not in dui.group(1) \
                and "反对" not in dui.group(1):
            # 发布2023年第23号公告、对镓和锗相关物项实施出口管制: what the measure puts its controls on
            rel = "CONCERNS" if y.type in {"Sector", "ChainSegment"} else "TARGETS"
            add(x, rel, y, "structure", "structure zh-measure-dui", {}, [(x.start, y.end)])
        if x.type in COMPOSED and y.type in MEMBERS and not y.anaphor and (
                (lang == "en" and EN_COMPOSED_OF.match(between))
                or (lang == "zh" and ZH_COMPOSED_OF.match(between) and ZH_COMPOSED_END.match(text, y.end))):
            # "The End-User Review Committee (ERC), composed of representatives of the Department of Commerce, the
            # Department of State …", 由A、B和C组成: each named is a part (a member) of the body
            rel = "MEMBER_OF" if x.type == "Organization" and y.type != "Agency" else "PART_OF"
            add(y, rel, x, "structure", "structure composed-of", {}, [(x.start, y.end)])
        if x.type == "Country" and y.type == "Country" and not y.anaphor and (
                (lang == "en" and EN_INCLUDING.match(between)) or (lang == "zh" and ZH_INCLUDING.match(between))):
            # "the People's Republic of China (PRC), including Hong Kong and Macau", 中国（含香港、澳门）: a part of it
            add(y, "PART_OF", x, "structure", "structure country-including", {}, [(x.start, y.end)])
        if lang == "zh" and x.type == "Country" and text[x.start - 1:x.start] == "对" and y.type in MEASURES \
                and ZH_DUI_MEASURE.match(between):
            # 对华先进计算出口管制新规, 对美加征关税措施: the measure the 对 phrase qualifies is aimed at the country
            add(y, "TARGETS", x, "structure", "structure zh-dui-prefix", {}, [(x.start, y.end)])
        if lang == "zh" and x.type in ZH_XIANG_ACTORS and ZH_XIANG.match(between) and not y.anaphor:
            # 经济产业省向本土企业Rapidus提供巨额补贴: the relation word comes after the one it is done to
            done = ZH_XIANG_AFTER.match(text, y.end)
            done_words = done.group(0) if done is not None else ""
            for rel, by_lang in pat.triggers.items():
                rx = by_lang.get("zh")
                if rx is not None and rx.search(done_words) and _allowed(schema, rel, x.type, y.type):
                    add(x, rel, y, "structure", "structure zh-xiang", {}, [(x.start, y.end)])
                    break
        if lang == "en" and x.type == "Company" and y.type == "Company" and EN_ACQUIRES.match(between):
            add(y, "AFFILIATE_OF", x, "structure", "structure en-acquires", {}, [(x.start, y.end)])
        if lang == "zh" and x.type == "Company" and y.type == "Company" and ZH_ACQUIRES.match(between):
            add(y, "AFFILIATE_OF", x, "structure", "structure zh-acquires", {}, [(x.start, y.end)])
        if lang == "zh" and x.type == "Company" and y.type == "Company" and ZH_BY_OR_ON.match(between) \
                and ZH_SUPPLY_AFTER.match(text[y.end:]):
            add(y, "SUPPLIES", x, "structure", "structure zh-made-by", {}, [(x.start, y.end)])
        if lang == "en" and x.type in ADDRESSED and y.type == "Country" and ADDRESS_BETWEEN.match(between) \
                and ADDRESS_END.match(text[y.end:]) \
                and not any(x.end <= i.start and i.end <= y.start and i.ref != x.ref and i.type in ADDRESSED
                            for i in items):
            add(x, "BELONGS_TO", y, "structure", "structure en-address", {}, [(x.start, y.end)], presupposed=True)
        if lang == "zh" and between == "由" and x.type in MEASURES and y.type in {"Agency", "Organization"} \
                and ZH_IN_CHARGE.match(text[y.end:]) and not ZH_FUNDED_BY_AFTER.match(text, y.end):
            add(y, "ADMINISTERS", x, "structure", "structure zh-you-fuze", {}, [(x.start, y.end)])
        if lang == "en" and not y.anaphor and EN_OBJECT_RELATIVE.fullmatch(between):
            # "the CHIPS for America Fund, which the Department of Commerce administers": the name in the relative
            # clause does what its verb says to the name before "which"
            subject = EN_AFTER_SUBJECT.match(text, y.end)
            at = subject.end() if subject is not None else y.end
            for rel, by_lang in [*pat.triggers.items(), ("LAUNCHED", {"en": EN_LAUNCH_VERB})]:
                rx = by_lang.get("en")
                if rx is not None and rx.match(text, at) and _allowed(schema, rel, y.type, x.type):
                    add(y, rel, x, "structure", "structure en-object-relative", {}, [(x.start, at)])
                    break
        # 中芯国际被BIS列入实体清单: the name right after 被 is the agent; what it acts on stands before 被
        agent_zh = lang == "zh" and _after_bei(text, x, items)
        # trigger patterns, in either voice
        for ts, te, rule in trigger_spans:
            if agent_zh or not (x.end <= ts and te <= y.start) or _own_subject(items, boundary, ts):
                continue
            if ts - x.end > rule.window or y.start - te > rule.window:
                continue
            after = text[te:y.start]
            passive = lang == "en" and (bool(PASSIVE_BEFORE.search(text[x.end:ts])) and
                                        bool(re.match(r"^\s*by\b", after, re.IGNORECASE)))
            by_agent = lang == "en" and bool(BY_AFTER.match(after)) and not rule.reverse
            if passive or by_agent:
                if _after_the_agent(text, items, te, y, rule.a_types):
                    continue
                if y.type in rule.a_types and x.type in rule.b_types:
                    src, dst = (x, y) if rule.reverse else (y, x)
                    add(src, rule.yields, dst, "pattern", f"pattern {rule.id} (passive)", {"passive": 1.0},
                        [(x.start, x.end), (ts, te), (y.start, y.end)])
                continue
            if lang == "zh" and rule.yields == "LISTED_ON" and ZH_ACTOR_JIANG.search(text, x.end, ts):
                _lister(x, y, items, schema, add, (ts, te))
                continue  # BIS…将多家中国企业列入实体清单: the name before 将 lists; what 将 takes is listed
            if rule.yields == "LISTED_ON" and lang == "en" and FIRM_UNIT_AFTER.match(text, x.end):
                continue  # "a Hanxin affiliate, X, was added to the Entity List": X is listed, not Hanxin
            if rule.yields == "LISTED_ON" and lang == "en" and x.type in {"Agency", "Administration"} \
                    and EN_RELATIVE_BEFORE.search(text, 0, x.start):
                continue  # "Sugon, which BIS added to the Entity List in 2019": BIS lists, it is not listed
            if x.type in rule.a_types and y.type in rule.b_types:
                src, dst = (y, x) if rule.reverse else (x, y)
                add(src, rule.yields, dst, "pattern", f"pattern {rule.id}", {},
                    [(x.start, x.end), (ts, te), (y.start, y.end)])
        # relation words of loaders/patterns.yaml, typed by the schema's endpoints (not between two names of one
        # list: "A and B were added" relates each to the list, not to each other)
        for rel, by_lang in ({} if siblings or agent_zh else pat.triggers).items():
            rx = by_lang.get(lang)
            if rx is None:
                continue
            for t in rx.finditer(text, x.end, y.start):
                if lang == "en" and t.group(0).isupper() and len(t.group(0)) > 2:
                    continue  # a word of a name in capitals ("TRADING LIMITED"), not a verb
                if any(a < t.end() and t.start() < b for a, b in named):
                    continue  # a word of a name between them ("Fund" of "Big Fund"), not a verb
                if any(a <= t.start() and t.end() <= b for a, b in approvals):
                    continue
                if _own_subject(items, boundary, t.start()):
                    continue
                if lang == "en" and rel == "LISTED_ON" and FIRM_UNIT_AFTER.match(text, x.end):
                    continue  # "a Hanxin affiliate, X, was added to the Entity List": X is listed, not Hanxin
                if lang == "zh" and rel == "ESTABLISHES" and t.group(0) in ZH_BASIS_WORDS and x.type in AGENT_TYPES \
                        and any(
                        i.ref == y.ref and 0 <= i.start - t.end() <= 1 for i in items):
                    continue  # 经济产业省依据《外汇法》实施…: who acts under the law, not what it establishes
                if lang == "zh" and text.startswith("的", t.end()) and any(
                        z is not y and z.start - t.end() in (1, 2) and z.end <= y.start for z in items):
                    continue  # 国务院公布的《条例》，现将《办法》印发: the verb and 的 make the next name its object
                after = text[t.end():y.start]
                passive = (lang == "en" and bool(re.match(r"^\s*by\b", after, re.IGNORECASE))) or (
                    lang == "zh" and "被" in text[x.end:t.start()])
                if passive and lang == "en" and _after_the_agent(text, items, t.end(), y, AGENT_TYPES):
                    continue
                first, second = (y, x) if passive else (x, y)
                if rel == "LISTED_ON" and lang == "en" and not passive and ((
                        ACTIVE_LISTING.match(t.group(0)) and not PASSIVE_BEFORE.search(text[x.end:t.start()])) or (
                        x.type in {"Agency", "Administration"} and EN_RELATIVE_BEFORE.search(text, 0, x.start))):
                    _lister(x, y, items, schema, add, t.span())
                    break  # "BIS added four entities to the Entity List": the name before the verb is who lists
                if rel == "LISTED_ON" and lang == "zh" and not passive \
                        and ZH_ACTOR_JIANG.search(text, x.end, t.start()):
                    _lister(x, y, items, schema, add, t.span())
                    break  # BIS将多家中国企业列入实体清单: the same in Chinese
                if _allowed(schema, rel, first.type, second.type):
                    src, dst = first, second
                elif _allowed(schema, rel, second.type, first.type):
                    src, dst = second, first
                else:
                    continue
                add(src, rel, dst, "lexicon", f"lexicon {rel} {t.group(0)!r}" + (" (passive)" if passive else ""),
                    {"passive": float(passive), f"lexicon_dir={'forward' if src is x else 'backward'}": 1.0},
                    [(x.start, x.end), (t.start(), t.end()), (y.start, y.end)])
                break
        # "added X (, Y and Z) to the list": the listed names sit between the verb and the list
        if lang == "en" and x.type in LISTABLE and y.type == "Instrument" and LIST_TO.search(between) and not any(
                z.type == "Instrument" and x.end <= z.start and z.end <= y.start for z in items):
            # (not past another list: "placing X on the A list and Y on the B list" puts X on A only)
            verb = None
            for vm in LIST_VERB.finditer(text, max(0, x.start - 160), x.start):
                verb = vm
            # "… X on the A list and Y on the B list": Y is read from the first list's end as from the verb
            respective = verb is not None and any(
                z.type == "Instrument" and verb.end() <= z.start and z.end <= x.start
                and re.fullmatch(r"[\s,;]*(?:and|while)\s+", text[z.end:x.start]) for z in items)
            if verb is not None and (respective or _only_names(text, verb.end(), x.start, items, appositions=True)):
                add(x, "LISTED_ON", y, "structure", "structure en-add-x-to-list", {},
                    [(verb.start(), verb.end()), (x.start, x.end), (y.start, y.end)])
                for z in items:  # "BIS added X to the Entity List": BIS keeps the list
                    if z.end <= verb.start() and LISTER_GAP.fullmatch(text, z.end, verb.start()):
                        _lister(z, y, items, schema, add, verb.span())
    # a list of names shares what a pattern, a structure or a relation word says of one of them: the verb stands
    # far from all but one name of a long list (将甲（…）、乙（…）及丙（…）等实体列入…; "added A Co., Ltd. (Shenzhen),
    # B Inc. and C Ltd. to the Entity List"); the copies are marked so that the scorer weighs them
    for p in [p for p in found.values() if p.kind != "cooccur" and "list_share" not in p.features]:
        for end, other in ((p.source, p.target), (p.target, p.source)):
            members = _list_members(text, end, items)
            if len(members) < 2 or any(z.ref == other.ref or z.start <= other.start < z.end or
                                       z.start < other.end <= z.end for z in members):
                continue
            lo, hi = members[0].start, members[-1].end
            if (brk := MEMBER_BRACKET.match(text, hi)) is not None:
                hi = brk.end()
            if lo <= other.start < hi:
                continue  # the other name stands inside the list, or in a bracket of one of its names
            for z in members:
                if z is end or z.ref == end.ref:
                    continue
                src, dst = (z, other) if end is p.source else (other, z)
                add(src, p.type, dst, p.kind, f"{p.reason} (shared by the list with {end.name})",
                    {"list_share": 1.0, f"list_share_rel={p.type}": 1.0},
                    [(min(z.start, other.start), max(z.end, other.end))] if p.kind == "structure" else
                    [(z.start, z.end), (other.start, other.end)])
    # a list the sentence puts named parties on by a pattern or a structure: another party it names is there for
    # another reason (…列入不可靠实体清单，市场监管总局也对谷歌公司…立案调查): by co-occurrence alone it is rejected,
    # by a relation word the scorer weighs it
    explicit = {(p.target.ref, p.source.ref) for p in found.values()
                if p.type == "LISTED_ON" and p.kind in {"pattern", "structure"}}
    for key, p in list(found.items()):
        if p.type == "LISTED_ON" and p.kind in {"cooccur", "lexicon"} and (p.target.ref, p.source.ref) not in explicit \
                and any(t == p.target.ref for t, _ in explicit):
            if p.kind == "cooccur":  # no word of its own puts it there
                del found[key]
                rejected.append(f"{s.doc}@{s.start}: {p.source.name} -[LISTED_ON]-> {p.target.name}: only other "
                                "parties are put on that list")
            else:
                p.features["list_has_other_parties"] = 1.0
    # "All but X are Chinese firms; X is the … subsidiary": where a sentence denies a pair at one mention, a mere
    # co-occurrence of the two at another mention asserts nothing
    for key, p in list(found.items()):
        why = denied.get(frozenset((p.source.ref, p.target.ref)))
        if why is not None and p.kind == "cooccur":
            rejected.append(f"{s.doc}@{s.start}: {p.source.name} -[{p.type}]-> {p.target.name}: {why} (at another "
                            f"mention in the sentence)")
            del found[key]
    return sorted(found.values(), key=lambda p: (p.source.start, p.target.start, p.type))


LISTABLE = {"Company", "Organization", "Person", "Agency"}
LISTER_GAP = re.compile(r"\s*(?:\([A-Z]{2,8}\)\s*)?(?:has\s+|have\s+|had\s+|also\s+|will\s+|today\s+|formally\s+)*")


def _lister(x: Item, y: Item, items: list[Item], schema: Schema, add: Any, verb: tuple[int, int]) -> None:
    """The agency that puts parties on a list keeps the list: "BIS added four entities to the Entity List",
    商务部将…列入不可靠实体清单 (the agency ADMINISTERS it); the agency nearest the verb, not one that names it
    (美国商务部下属的工业与安全局…将…列入)."""
    if x.type == "Agency" and y.is_list and _allowed(schema, "ADMINISTERS", x.type, y.type) \
            and not any(i.type == "Agency" and x.end <= i.start < verb[0] for i in items):
        add(x, "ADMINISTERS", y, "structure", "structure lister-administers", {},
            [(x.start, x.end), verb, (y.start, y.end)])
LIST_VERB = re.compile(
    r"(?<![A-Za-z])(?:add(?:s|ed|ing)?|plac(?:e|es|ed|ing)|put(?:s|ting)?|blacklist(?:s|ed|ing)?)\s+", re.IGNORECASE)
LIST_TO = re.compile(r"(?:^|\s)(?:to|on)\s+(?:the\s+|its\s+|a\s+)?(?:U\.S\.\s+)?$")


# what may stand between the names of a listing's coordination: an apposition that describes the name before it
# (", a Malaysian server integrator and former Nvidia channel partner,"), a unit's word ("its Singapore affiliate")
# the period of a legal form before a comma ("Sdn. Bhd.,") and a possessive ("Taiwan's PSMC")
LISTED_APPOSITION = re.compile(r"\.(?=\s*,)|['’]s(?=\s)|,\s+(?:a|an|the)\s+[^,;()]{1,80}?,|"
                               r"(?<![\w\-])its\s+(?:[\w\-]+\s+){0,3}?"
                               r"(?:affiliates?|subsidiar(?:y|ies)|units?|arm|parent)(?![\w\-])", re.IGNORECASE)


def _list_end(text: str, y: Item, items: list[Item]) -> int:
    """Where the list that ``y`` opens or belongs to ends: past its last member (and that member's bracketed Latin
    form), or right after ``y`` when it is no list's."""
    members = _list_members(text, y, items)
    end = members[-1].end if members else y.end
    bracket = MEMBER_BRACKET.match(text, end)
    return bracket.end() if bracket else end


def _only_names(text: str, a: int, b: int, items: list[Item], appositions: bool = False,
                joins: tuple[str, ...] = ()) -> bool:
    """Between a and b stand only names (and commas, "and", a determiner): a coordination; with ``appositions``,
    also what describes a name of it (LISTED_APPOSITION); ``joins``: other words that join its names ("with")."""
    if joins:
        text = re.sub(rf"(?<![\w\-])(?:{'|'.join(joins)})(?![\w\-])", lambda m: "and".ljust(len(m.group(0))), text)
    rest = list(text[a:b])
    for i in items:
        for k in range(max(a, i.start), min(b, i.end)):
            rest[k - a] = " "
    if appositions:
        rest = list(LISTED_APPOSITION.sub(lambda m: " " * len(m.group(0)), "".join(rest)))
    return re.fullmatch(r"[\s,;、]*(?:(?:and|the|as well as|both)[\s,]*)*[\s,]*", "".join(rest), re.IGNORECASE) \
        is not None or not "".join(rest).strip(" ,;、")


def _own_subject(items: list[Item], boundary: int | None, at: int) -> bool:
    """In a window of sentences, a verb of the later sentence after a name of its own belongs to that name ("BIS
    added four entities. Acme was added to the list": BIS is not what was added)."""
    return boundary is not None and at >= boundary and any(boundary <= i.start and i.end <= at for i in items)


def _rank(kind: str) -> int:
    return {"cooccur": 0, "lexicon": 1, "structure": 2, "pattern": 3}[kind]


def _allowed(schema: Schema, rel: str, a: str, b: str) -> bool:
    spec = schema.rel_types.get(rel)
    return spec is not None and a in spec.sources and b in spec.targets and not (rel == "PART_OF" and _odd_part(a, b))


def _odd_part(a: str, b: str) -> bool:
    """A part-whole the schema allows (any entity of any entity) but no reading of these papers or keys has: a
    country part of anything but a country, or anything but a country part of one (that is BELONGS_TO); a firm or
    a person as the whole of anything but a firm; a person as a part ("under the CHIPS Act, Intel …", "北方华创旗下
    的多家子公司 … 实体清单")."""
    return (a == "Country") != (b == "Country") or (b in {"Company", "Person"} and a != b) or a == "Person"


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


WORD = re.compile(r"[a-z][a-z\-']+")
BETWEEN_STOP = {"the", "a", "an", "of", "to", "in", "and", "its", "their", "that", "which", "for"}


def _siblings(text: str, x: Item, y: Item, items: list[Item], brackets: bool = False) -> bool:
    """Two names of one list ("A, B and C", 甲、乙和丙): only other names and list words stand between them (and,
    with ``brackets``, each name's Latin form in brackets: 甲（A Corp.）、乙（B Inc.）)."""
    rest = list(text[x.end:y.start])
    for i in items:
        if x.end <= i.start and i.end <= y.start:
            rest[i.start - x.end:i.end - x.end] = " " * (i.end - i.start)
    joined = "".join(rest)
    if brackets:
        joined = BRACKETED.sub(" ", joined)
    return bool(SIBLING.fullmatch(joined))


BRACKETED = re.compile(r"[（(][^（）()]{1,60}[)）]")
# what stands between two names of one list once the names and their brackets are blanked out: at least a comma, 、 or
# a conjunction (a legal form's full stop may come first: "Co., Ltd., B Inc.")
LIST_JOIN = re.compile(r"\.?\s*(?:(?:[,;、和及与]|(?<![A-Za-z])(?:and|or|as well as)(?![A-Za-z]))\s*)+(?:the\s+)?",
                       re.IGNORECASE)
LIST_MEMBER_MAX = 40
MEMBER_BRACKET = re.compile(r"\.?\s*[（(][^（）()]{1,60}[)）]")


def _list_members(text: str, end: Item, items: list[Item]) -> list[Item]:
    """The names of one list ``end`` stands in, in their order (``end`` included; one name alone is no list): each
    next to the other with only list words (and a Latin form in brackets, which may hold other names) between, all
    of one type."""
    if end.anaphor:
        return [end]
    same = sorted((i for i in items if i.type == end.type and not i.anaphor and i.end > i.start),
                  key=lambda i: (i.start, -i.end))
    # a name inside the bracket after another name of its type is that name's other form, not a member of its own
    # (雷神导弹与防务公司（Raytheon Missiles & Defense）、铁砧无人系统公司…: Raytheon)
    glosses = [(m.start(), m.end(), h) for h in same if (m := MEMBER_BRACKET.match(text, h.end)) is not None]
    host = next((h for a, b, h in glosses if a < end.start and end.end <= b and h.ref == end.ref), None)
    end = host or end  # the Latin form a pattern found stands in the list as its Chinese name
    same = [i for i in same if i is end or not any(a < i.start and i.end <= b for a, b, _ in glosses)]
    if end not in same:
        return [end]
    k = same.index(end)

    def joined(a: Item, b: Item) -> bool:
        if b.start < a.end:
            return False
        rest = list(text[a.end:b.start])
        for i in same:  # a name of another type between them is no list word (中国商务部和日本经济产业省)
            if a.end <= i.start and i.end <= b.start:
                rest[i.start - a.end:i.end - a.end] = " " * (i.end - i.start)
        return bool(LIST_JOIN.fullmatch(BRACKETED.sub(" ", "".join(rest))))

    left, right = k, k
    while left > 0 and k - left < LIST_MEMBER_MAX and joined(same[left - 1], same[left]):
        left -= 1
    while right < len(same) - 1 and right - k < LIST_MEMBER_MAX and joined(same[right], same[right + 1]):
        right += 1
    return same[left:right + 1]


SIBLING = re.compile(r"(?:[\s,;、和及与]|(?<![A-Za-z])(?:and|or|as well as|the)(?![A-Za-z]))*", re.IGNORECASE)


def _features(s: Sentence, items: list[Item], src: Item, dst: Item, rel: str, kind: str, pattern: str, lang: str,
              triggers: list[tuple[int, int, Rule]], extra: dict[str, float],
              cues: list[tuple[int, int, str]] | None = None) -> dict[str, float]:
    first, second = (src, dst) if src.start < dst.start else (dst, src)
    gap = second.start - first.end
    scale = 1 if lang == "zh" else 3
    between = [i for i in items if first.end <= i.start and i.end <= second.start]
    sibling = _siblings(s.text, first, second, items)
    closest = not any(i.type in {first.type, second.type} for i in between)
    _, c1 = clause(s.text, first.start, first.end)
    f: dict[str, float] = {
        f"kind={kind}": 1.0,
        f"pattern={pattern}": 1.0,
        f"rel={rel}": 1.0,
        f"types={src.type}>{dst.type}": 1.0,
        f"rel_types={rel}:{src.type}>{dst.type}": 1.0,
        f"kind_rel={kind}:{rel}": 1.0,
        f"gap={_bucket(gap // scale, (2, 6, 15, 30, 50))}": 1.0,
        f"between={min(len(between), 3)}": 1.0,
        f"same_clause={second.end <= c1}": 1.0,
        f"lang={lang}": 1.0,
        f"order={'forward' if src is first else 'backward'}": 1.0,
        f"sentence_items={min(len(items), 8)}": 1.0,
        f"kind_sent={s.kind}": 1.0,
        "candidate_end": float(src.candidate or dst.candidate),
        "anaphor": float(src.anaphor or dst.anaphor),
        "trigger_between": float(any(first.end <= a and b <= second.start for a, b, _ in triggers)),
        f"sibling_rel={sibling}:{rel}": 1.0,
        f"to_list={rel}:{src.is_list or dst.is_list}": 1.0,
        f"closest={closest}": 1.0,
        f"closest_rel={closest}:{rel}": 1.0,
        f"rel_clause={rel}:{second.end <= c1}": 1.0,
        f"rel_between={rel}:{min(len(between), 2)}": 1.0,
        f"rel_gap={rel}:{_bucket(gap // scale, (6, 30))}": 1.0,
        f"kind_gap={kind}:{_bucket(gap // scale, (6, 30))}": 1.0,
        # how far one kind of evidence goes for one relation, in its clause and next to its partner
        f"kind_rel_near={kind}:{rel}:{second.end <= c1}:{closest}": 1.0,
    }
    words = WORD.findall(s.text[first.end:second.start].lower()) if lang == "en" else []
    between_words: list[str] = []
    if lang == "en" and len(words) <= 8:
        between_words = [w for w in words if w not in BETWEEN_STOP]
    elif lang == "zh" and gap <= 24:  # characters; 12 before: 24 kept more Chinese pairs at precision 0.7 when
        # documents were left out (recall of the proposals' positives 0.496 -> 0.530; 40 gave 0.501)
        zh = s.text[first.end:second.start]
        between_words = [zh[k:k + 2] for k in range(len(zh) - 1)]
    order = "forward" if src is first else "backward"
    for w in between_words:
        f[f"w={w}"] = 1.0
        # what a word between says depends on the relation read and on which name comes first ("X, a unit of Y"
        # against "Y's unit X"): measured by leaving documents out, recall at precision 0.7 rose 0.47 -> 0.51
        f[f"rel_w={rel}:{w}"] = 1.0
        f[f"order_w={order}:{w}"] = 1.0
    # where the two stand among the sentence's names: the first named is most often the one that acts
    named = sorted({(i.start, i.ref) for i in items if i.end > 0})
    rank = {ref: min(k, 3) for k, (_, ref) in reversed(list(enumerate(named)))}
    f[f"pos={rank.get(src.ref, 9)}:{rank.get(dst.ref, 9)}"] = 1.0
    f[f"rel_pos={rel}:{rank.get(src.ref, 9)}:{rank.get(dst.ref, 9)}"] = 1.0
    for a, b, r in cues or []:
        where = "between" if first.end <= a and b <= second.start else (
            "before" if b <= first.start else "after" if a >= second.end else "")
        if where:
            f[f"cue_{where}={'same' if r == rel else 'other'}"] = 1.0
    if any(e.type == "Instrument" and e.end > e.start and ITEMS_ON.search(s.text, max(0, e.start - 40), e.start)
           for e in (src, dst)):
        f[f"items_on_list={rel}"] = 1.0  # "procured items on the Common High Priority List": goods on it, not parties
    if lang == "zh" and (k := s.text.rfind("会同", 0, src.start)) >= 0 and src.start - k <= 40 \
            and ZH_PARTNERS.fullmatch(s.text, k + 2, src.start):
        # 由国家发展改革委会同工业和信息化部、财政部等部门制定《…清单》: a partner the lead agency works with, whom keys
        # often leave out of what the lead does
        f[f"huitong_partner={rel}"] = 1.0
    f.update(extra)
    # a few thousand distinct names among millions of keys: one string each (a large document's proposals held
    # a copy of every key per proposal, most of their memory)
    return {sys.intern(k): v for k, v in f.items()}


@dataclass(frozen=True)
class KnownPair:
    """What the keyed documents say about two known names (gazetteer ids ``a`` < ``b``): in how many documents
    the key names both, in how many it relates them, and the relation it most often states (``forward``: from
    ``a`` to ``b``). ``docs``/``related_docs`` (while training only): which documents, so that a keyed document's
    own key is left out of the counts its proposals are given (as for a document the scorer never saw)."""

    named: int
    related: int
    rel: str
    forward: bool
    docs: frozenset[str] = frozenset()
    related_docs: frozenset[str] = frozenset()

    def counts(self, doc: str) -> tuple[int, int]:
        """(named, related), leaving out the document's own key."""
        return (self.named - (doc in self.docs), self.related - (doc in self.related_docs))


KNOWN_PAIR_MIN = 2  # keyed documents naming both before their share says anything (grouped CV: 2 over 3 and 5)


class Prior(dict[tuple[str, str], tuple[str, bool]]):
    """The usual relation between two node types: (relation, runs from the first to the second) for each ordered
    pair; ``alternates`` holds a second reading where the counts give one (Country–Policy: ENACTED, and TARGETS
    the other way), so the scorer learns which one a sentence states. ``known``: what the keyed documents say
    about two known names (KnownPair), by their ids in order."""

    def __init__(self, top: dict[tuple[str, str], tuple[str, bool]] | None = None,
                 alternates: dict[tuple[str, str], tuple[str, bool]] | None = None,
                 known: dict[tuple[str, str], KnownPair] | None = None) -> None:
        super().__init__(top or {})
        self.alternates = dict(alternates or {})
        self.known = dict(known or {})

    def known_rows(self) -> list[list[Any]]:
        """As data: [a, b, documents naming both, documents relating them, relation, forward]."""
        return [[a, b, k.named, k.related, k.rel, k.forward] for (a, b), k in sorted(self.known.items())]

    def readings(self, a: str, b: str) -> list[tuple[str, bool]]:
        return [r for r in (self.get((a, b)), self.alternates.get((a, b))) if r is not None]

    def rows(self) -> list[list[Any]]:
        """As data: [a, b, relation, forward] for the usual reading, with a fifth element 2 for the second."""
        return [[a, b, rel, fwd] for (a, b), (rel, fwd) in sorted(self.items())] + [
            [a, b, rel, fwd, 2] for (a, b), (rel, fwd) in sorted(self.alternates.items())]


ALTERNATE_SHARE = 0.25  # a second reading is proposed too when it is at least this common beside the first


def relation_prior(findings: Iterable[tuple[str, str, str]], types: dict[str, str]) -> Prior:
    """For each ordered pair of node types, the relation the curated assertions (and keys) most often state
    between two such names, and whether it runs from the first to the second; and the second most common."""
    counts: dict[tuple[str, str], dict[tuple[str, bool], int]] = {}
    for src, rel, dst in findings:
        ts, td = types.get(src), types.get(dst)
        if ts is None or td is None or rel in NOT_FROM_COOCCURRENCE:
            continue
        counts.setdefault((ts, td), {}).setdefault((rel, True), 0)
        counts[(ts, td)][(rel, True)] += 1
        counts.setdefault((td, ts), {}).setdefault((rel, False), 0)
        counts[(td, ts)][(rel, False)] += 1
    top: dict[tuple[str, str], tuple[str, bool]] = {}
    alternates: dict[tuple[str, str], tuple[str, bool]] = {}
    for pair, c in sorted(counts.items()):
        ranked = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))
        top[pair] = ranked[0][0]
        if len(ranked) > 1 and ranked[1][1] >= ALTERNATE_SHARE * ranked[0][1]:
            alternates[pair] = ranked[1][0]
    return Prior(top, alternates)


def known_pairs(keys: Iterable[tuple[str, list[str], list[tuple[str, str, str]]]]) -> dict[tuple[str, str], KnownPair]:
    """KnownPair counts from keyed documents: (document id, the known ids its key names, its relations between
    known ids as (source, relation, target)); pairs named together in at least KNOWN_PAIR_MIN documents, with
    relation "" when no key relates them (then their share, 0, says that keys naming both leave them apart)."""
    docs: dict[tuple[str, str], set[str]] = {}
    related: dict[tuple[str, str], set[str]] = {}
    readings: dict[tuple[str, str], dict[tuple[str, bool], int]] = {}
    for doc, ids, rels in keys:
        for a, b in itertools.combinations(sorted(set(ids)), 2):
            docs.setdefault((a, b), set()).add(doc)
        for src, rel, dst in rels:
            pair = (min(src, dst), max(src, dst))
            if src == dst or pair not in docs:
                continue
            related.setdefault(pair, set()).add(doc)
            c = readings.setdefault(pair, {})
            c[(rel, src == pair[0])] = c.get((rel, src == pair[0]), 0) + 1
    out = {}
    for pair, named in sorted(docs.items()):
        if len(named) < KNOWN_PAIR_MIN:
            continue
        rel, fwd = min(readings[pair].items(), key=lambda kv: (-kv[1], kv[0]))[0] if pair in readings else ("", False)
        rd = related.get(pair, set())
        out[pair] = KnownPair(len(named), len(rd), rel, fwd, frozenset(named), frozenset(rd))
    return out


def _known(prior: dict[tuple[str, str], tuple[str, bool]], a: str, b: str, doc: str) -> tuple[KnownPair, float] | None:
    """The keyed documents' word on two known names, and the share of them that relate the two."""
    k = prior.known.get((min(a, b), max(a, b))) if isinstance(prior, Prior) else None
    if k is None:
        return None
    named, related = k.counts(doc)
    return (k, related / named) if named >= KNOWN_PAIR_MIN else None


def _known_bucket(rate: float) -> str:
    return next(label for top, label in ((0.2, "<.2"), (0.4, "<.4"), (0.6, "<.6"), (0.8, "<.8"), (9.0, ">=.8"))
                if rate < top)


def _known_features(proposals: list[Proposal], prior: dict[tuple[str, str], tuple[str, bool]]) -> None:
    """For two known names, the share of the keyed documents naming both whose key relates them, and whether the
    relation read is the one those keys most often state."""
    for p in proposals:
        if p.source.candidate or p.target.candidate:
            continue
        got = _known(prior, p.source.ref, p.target.ref, p.doc)
        if got is None:
            continue
        k, rate = got
        same = p.type == k.rel and (p.source.ref < p.target.ref) == k.forward
        p.features[f"known_pair={_known_bucket(rate)}"] = 1.0
        p.features[f"known_rel={'same' if same else 'other'}:{_known_bucket(rate)}"] = 1.0


# the share of keyed documents relating two names from which a document-wide one is made (grouped CV: 0.6 over 0.25,
# 0.4 and 0.8)
KNOWN_PAIR_PROPOSE = 0.6


def _document_known(seen: dict[str, tuple[Sentence, Item, list[int]]], found: list[Proposal], schema: Schema,
                    prior: dict[tuple[str, str], tuple[str, bool]], doc: str) -> list[Proposal]:
    """Two known names the document names, in sentences of their own, that most keyed documents naming both relate
    (the Bureau of Industry and Security and the Department of Commerce: PART_OF): the relation those keys most
    often state, proposed with the share as a feature; the evidence is the sentence that names the second of the
    two first."""
    if not isinstance(prior, Prior) or not prior.known:
        return []
    read = {frozenset((p.source.ref, p.target.ref)) for p in found}
    known = sorted(ref for ref, (_, item, _) in seen.items() if not item.candidate)
    out = []
    for a, b in itertools.combinations(known, 2):
        got = _known(prior, a, b, doc) if frozenset((a, b)) not in read else None
        if got is None or got[1] < KNOWN_PAIR_PROPOSE:
            continue
        k, rate = got
        src, dst = (a, b) if k.forward else (b, a)
        (s_src, i_src, w_src), (s_dst, i_dst, w_dst) = seen[src], seen[dst]
        if not _allowed(schema, k.rel, i_src.type, i_dst.type):
            continue
        if k.rel == "LED_BY" and i_dst.type == "Person" and NOT_HEAD_POST.search(s_dst.text, 0, max(0, i_dst.start)):
            continue  # "Commissioner Brendan Carr": what other documents say of him (the chair) is not said here
        s = s_src if s_src.index >= s_dst.index else s_dst
        ends = [Item(-1, -1, i.ref, i.type, i.name, False, surface=i.surface) for i in (i_src, i_dst)]
        features = _document_features(s, "known-pair", k.rel, i_src.type, i_dst.type, [
            f"known_pair={_known_bucket(rate)}", f"known_rel=same:{_known_bucket(rate)}",
            f"known_mentions={_bucket(min(len(w_src), len(w_dst)), (1, 2, 5))}"])
        named, related = k.counts(doc)
        out.append(Proposal(ends[0], k.rel, ends[1], s.doc, s, "cooccur",
                            f"known pair: the keys of {related} of the {named} keyed documents that name both relate "
                            f"{i_src.name} and {i_dst.name} (most often {k.rel})", features))
    return out


# the pairs of types a whole document relates where no sentence joins the two (a firm and the field the document
# is about, a measure and the country or the goods it is aimed at), and how many names of the second type, the most
# named first, each name of the first is paired with
DOCUMENT_PAIRS = {("Company", "Sector"), ("Company", "ChainSegment"), *((m, t) for m in MEASURES
                  for t in ("Country", "Sector", "ChainSegment", "Company"))}
DOCUMENT_PAIR_TOP = 3
# a rejected reading: "doc@offset: source -[TYPE]-> target: why"
REJECTED_PAIR = re.compile(r"[^@]*@\d+: (.+?) -\[[A-Z_]+\]-> (.+?): ")


def _document_pairs(doc: Document, seen: dict[str, tuple[Sentence, Item, list[int]]], found: list[Proposal],
                    schema: Schema, prior: dict[tuple[str, str], tuple[str, bool]], said: set[frozenset[str]],
                    said_names: set[frozenset[str]]) -> list[Proposal]:
    """Two names no sentence (nor a window of sentences) joins, of types a document often relates as a whole (a
    firm and the sector the document is about; a measure and the country or goods it is aimed at): the usual
    relations of their types, with the document's counts as features (how often each is named, whether the second
    is the most named of its type, how near their mentions come), for the scorer to weigh; the evidence is the
    sentence that names the later of the two first."""
    read = {frozenset((p.source.ref, p.target.ref)) for p in found} | said
    by_type: dict[str, list[tuple[str, Sentence, Item, list[int]]]] = {}
    for ref, (s, item, where) in seen.items():
        by_type.setdefault(item.type, []).append((ref, s, item, where))
    for group in by_type.values():
        group.sort(key=lambda g: (-len(g[3]), g[3][0], g[0]))
    paragraph = {s.index: s.paragraph for s in doc.sentences}
    out = []
    for (ta, tb) in sorted(DOCUMENT_PAIRS):
        for ref_a, s_a, a, where_a in by_type.get(ta, []):
            for rank, (ref_b, s_b, b, where_b) in enumerate(by_type.get(tb, [])[:DOCUMENT_PAIR_TOP]):
                if ref_a == ref_b or frozenset((ref_a, ref_b)) in read or frozenset((a.name, b.name)) in said_names:
                    continue
                gap = min(abs(i - j) for i in where_a for j in where_b)
                same_paragraph = bool({paragraph.get(i) for i in where_a} & {paragraph.get(j) for j in where_b})
                s = s_a if s_a.index >= s_b.index else s_b
                ends = {ref_a: Item(-1, -1, a.ref, a.type, a.name, a.candidate, surface=a.surface),
                        ref_b: Item(-1, -1, b.ref, b.type, b.name, b.candidate, surface=b.surface)}
                for rel, forward in _readings(prior, ta, tb)[:2]:
                    src, dst = (ends[ref_a], ends[ref_b]) if forward else (ends[ref_b], ends[ref_a])
                    if not _allowed(schema, rel, src.type, dst.type) or rel in NOT_FROM_COOCCURRENCE:
                        continue
                    features = _document_features(s, "pair-document", rel, src.type, dst.type, [
                        f"doc_a_mentions={_bucket(len(where_a), (1, 2, 5))}",
                        f"doc_b_mentions={_bucket(len(where_b), (1, 2, 5))}", f"doc_b_rank={rank}",
                        f"doc_b_of_type={_bucket(len(by_type[tb]), (1, 2, 4))}",
                        f"doc_gap={_bucket(gap, (1, 2, 4, 8))}", f"doc_same_paragraph={same_paragraph}",
                        f"doc_rel_rank={rel}:{rank}"])
                    out.append(Proposal(src, rel, dst, s.doc, s, "cooccur",
                                        f"document pair: {a.name} and {b.name}, named in the same document "
                                        f"(usually {rel})", features))
    return out


def _readings(prior: dict[tuple[str, str], tuple[str, bool]], a: str, b: str) -> list[tuple[str, bool]]:
    """The usual relations between a name of type ``a`` and one of type ``b`` (relation, whether a is the
    source): the usual one and a second when the prior keeps one."""
    if isinstance(prior, Prior):
        return prior.readings(a, b)
    found = prior.get((a, b))
    return [found] if found is not None else []


def proposal_evidence(corpus: Corpus, p: Proposal) -> Evidence:
    return corpus.evidence(p.sentence, "proposed", round(p.confidence, 3), rule=p.reason)


def propose_document(doc: Document, corpus: Corpus, gaz: Gazetteer, cands: list[Candidate], rules: list[Rule],
                     schema: Schema, pat: Patterns, prior: dict[tuple[str, str], tuple[str, bool]],
                     rejected: list[str], tick: Callable[[int, int], None] | None = None) -> list[Proposal]:
    """The relation proposals of one document (``tick(sentences done, sentences)`` is called a tenth of the
    way at a time, for a long document's progress)."""
    every = max(1, len(doc.sentences) // 10)
    by_sentence: dict[int, list[tuple[int, int, Candidate]]] = {}
    for c in cands:
        for occ in c.occurrences:
            by_sentence.setdefault(occ.sentence, []).append((occ.start, occ.end, c))
    out: list[Proposal] = []
    rejected_before = len(rejected)
    recent: list[tuple[int, Item]] = []  # (sentence index, item) of the last sentences, for anaphora
    so_far: list[Item] = []  # every name so far: "the Bureau", capitalised, points back further
    named_list: Item | None = None  # the last list the document named, in the sentences before
    ends_so_far: dict[tuple[str, str], list[Item]] = {}  # the known ones by their ends (_longer_named)
    before: list[tuple[Sentence, list[Item]]] = []  # the last sentences of this paragraph, for windows
    measure = _own_measure(doc, corpus, gaz, by_sentence)
    out += _issuer_in_name(doc, corpus, gaz, by_sentence)
    intro: tuple[Sentence, Item] | None = None  # the last sentence that adds parties to a named list
    colon_measure: Item | None = None
    last_agent: tuple[Sentence, Item] | None = None  # the first actor of the last sentence that names one
    last_firm: tuple[Sentence, Item] | None = None  # the first firm of the last sentence that names one
    colon_cue: str | None = None
    last_list: tuple[int, Item] | None = None  # the last list named, and in which sentence
    heading_list: tuple[Sentence, Item] | None = None  # the list the last heading names
    listing_before = False  # the sentence before lists parties ("… added to the list", "the new listings")
    item_paragraph: str | int | None = None  # the paragraph of the last numbered item
    destination: Item | None = None  # a line that names only a country: the parties listed under it
    nationality: dict[str, Item] = {}  # a list's ref -> the country its parties are from (以下8家美国实体)
    home_prose: tuple[Sentence, Item] | None = None  # the last sentence that says where the parties it adds are from
    group_home: tuple[Sentence, Item] | None = None  # the last sentence that says where "these entities" are from
    prev_text: str | None = None
    table: tuple[Sentence, list[Item]] | None = None  # the header row of the table being read
    qa_kind = ""  # in a question (q) or in the answer after it (a)
    asked: list[Item] = []  # the measures the question named
    designator: Item | None = None  # the last actor that designated or sanctioned parties in an active sentence
    designating: Item | None = None  # the designator of the numbered items under a passive "were designated:" line
    designating_list = ""
    sdn_list: Item | None = None  # the SDN List, when the document names it (sanctions list entries go on it)
    entity_list: Item | None = None  # the Entity List, when the document names it (its supplement's entries)
    entry_party: tuple[str, Item, int] | None = None  # the first party of the paragraph at hand, and its sentence
    # the parties of the last numbered list (under a line that ends with a colon) and of the last sentence that
    # names two or more: what "上述实体" and "these companies" point back to
    groups: list[tuple[str, int, list[Item]]] = []
    clause_paragraph: str | None = None  # a numbered provision of the document's own measure (一、…, (a) …)
    # a provision's number and title alone on a line (一、管制物项): the paragraph after it is that provision
    provision_heading = False
    seen: dict[str, tuple[Sentence, Item, list[int]]] = {}  # each name: where first named, the sentences naming it
    negated_lists: set[str] = set()  # lists a sentence with a negation names ("…均不在该批管控名单之内")
    governments: dict[str, Item] = {}  # 合肥市人民政府 by its place (合肥市): a local agency's whole
    designated_so_far: dict[str, Item] = {}  # the parties the document designates (SANCTIONS read so far)
    for s in doc.sentences:
        before_sentence = len(out)
        if tick is not None and s.index and s.index % every == 0:
            tick(s.index, len(doc.sentences))
        if s.kind.startswith("heading"):  # a title that names an industry chain names the document's one
            provision_heading = PROVISION.match(s.text) is not None
            heads = sentence_items(s, corpus.by_sentence.get((doc.id, s.index), []), gaz, by_sentence.get(s.index, []))
            for i in heads:
                if i.type == "IndustryChain" and not i.anaphor:
                    seen.setdefault(i.ref, (s, i, []))[2].append(s.index)
            # 一、不可靠实体清单 above 该清单依据…设立: what a heading names, the sentences under it may point back to
            recent = [(k, i) for k, i in recent if s.index - k <= 3] + [(s.index, i) for i in heads if not i.anaphor]
            # "## 2. The Covered List": the table right under it is of the list's parties
            heading_list = next(((s, i) for i in heads if i.type == "Instrument" and i.is_list and not i.anaphor),
                                None)
        if s.kind not in RULE_SENTENCE_KINDS or (s.kind.startswith("heading") and not (
                s.language.startswith("zh") and ZH_NOTICE_HEADING.search(s.text))):
            continue
        mentions = corpus.by_sentence.get((doc.id, s.index), [])
        items = _longer_named(sentence_items(s, mentions, gaz, by_sentence.get(s.index, [])), ends_so_far)
        if s.language.startswith("zh"):  # 对华…新规: the measure and the country the one character names, alone
            for v, aimed in _dui_countries(s, items, gaz):
                out += propose_sentence(s, [v, aimed], rules, schema, pat, prior, rejected)
        own = list(items)
        if measure is not None and PROVISION.match(s.text):
            clause_paragraph = s.paragraph
            provision_heading = PROVISION_TITLE.fullmatch(s.text.strip()) is not None
        elif clause_paragraph != s.paragraph and provision_heading and measure is not None:
            clause_paragraph, provision_heading = s.paragraph, False
        elif clause_paragraph != s.paragraph:
            clause_paragraph, provision_heading = None, False
        if clause_paragraph is not None and measure is not None:
            out += _provision(s, own, measure, schema, prior, pat)
        items = sorted(items + _anaphors(s, items, recent, pat, so_far) + _self_references(s, items, measure),
                       key=lambda i: (i.start, -i.end))
        recent = [(k, i) for k, i in recent if s.index - k <= 3] + [(s.index, i) for i in own]
        so_far += [i for i in own if not i.anaphor]
        _index_ends(ends_so_far, [i for i in own if not i.anaphor])
        if (added := DESIGNATED_ADDED.search(s.text)) is not None and designated_so_far:
            # "… the designated persons … are added to the SDN List": each party the document designated is on it
            lists = [i for i in items if i.type == "Instrument" and i.is_list and i.start >= added.start()]
            for x in (designated_so_far.values() if lists else []):
                out += _on_list(s, items, _elsewhere(x), lists[0], [(added.start(), added.end())], "designated_added",
                                f"structure designated-added (the persons designated, '{added.group(0).strip()}')",
                                pat, rejected)
        if not TABLE_ROW.match(s.text):  # a table's row: its list column says who is listed (_table_row)
            out += _implicit_list(s, items, recent, pat, rejected, named_list, listing_before)
        # "Most of the 140 new listings are Chinese. They include …": the next sentence's parties are those listed
        lang_here = "zh" if s.language.startswith("zh") else "en"
        listing_before = bool(IMPLICIT_LIST[lang_here].search(s.text) or LISTINGS.search(s.text))
        named_list = next((i for i in reversed(own) if i.type == "Instrument" and i.is_list and not i.anaphor),
                          named_list)
        # who designates: "OFAC today designated …" makes OFAC the agent of "X is being designated …" later on
        agent = _designator(s, own)
        if agent is not None:
            designator = agent
        elif designator is not None:
            out += _designated(s, items, designator, pat, rejected)
        # notices list their parties as numbered items ("1." on a line of its own, or "(2) X …"), under a
        # destination line ("China") and after a sentence that names the list they go on
        is_item = _is_item(s.text, prev_text)
        first_item = bool(LIST_FIRST.match(s.text if prev_text is None or not BARE_NUMBER.fullmatch(prev_text)
                                           else prev_text))
        if is_item and colon_measure is not None:
            out += _colon_item(s, own, colon_measure, schema, prior, colon_cue)
        if INTRO.search(s.text) and len(measures := [i for i in own if i.type in MEASURES and not i.anaphor] or [
                i for i in items[:1] if i.type in MEASURES and i.anaphor and i.start <= 4]) == 1:
            # ("The program targets … in three sectors:": the measure "the program" points back to)
            # "the Section 301 tariffs will rise as follows:" and its items
            colon_measure, colon_cue = measures[0], None
        elif INTRO.search(s.text) and not is_item and not measures and (
                agents := [i for i in own if i.type in COLON_AGENTS and not i.anaphor]) and (
                cue := _intro_cue(s, own, pat)) is not None:
            # "The CHIPS Program Office … finalized the largest awards:" and the firms listed after it: the
            # intro's actor, by the relation its words say (awards: SUPPORTS)
            colon_measure, colon_cue = agents[0], cue
        elif INTRO.search(s.text) and not is_item and not measures and last_agent is not None \
                and last_agent[0].paragraph == s.paragraph and s.index - last_agent[0].index <= 2 \
                and not any(i.type in COLON_AGENTS for i in own) and (cue := _intro_cue(s, own, pat)) is not None:
            # "The CHIPS Program Office … had announced awards to 32 companies. … Selected awards include:": the
            # actor of a sentence just before, when the intro names none
            colon_measure, colon_cue = last_agent[1], cue
        elif not is_item:
            colon_measure = None
        if not is_item and (subject := next((i for i in own if i.type in COLON_AGENTS and not i.anaphor
                                             and not POSSESSIVE_AFTER.match(s.text, i.end)), None)) is not None:
            last_agent = (s, subject)  # the first actor named in a sentence, not as a possessive ("Commerce's")
        if is_item and intro is not None:
            out += _list_item(s, items, intro, pat, rejected)
            last_list = (s.index, intro[1])  # (the list stays the one at hand through its items)
        if not is_item and ANNEX_DESIGNATIONS.search(s.text) and len(s.text) <= 160 and not s.text.rstrip().endswith(
                "."):
            # an annex's heading: "OFFICE OF FOREIGN ASSETS CONTROL — DESIGNATIONS PURSUANT TO E.O. 13382": its
            # agency designates the entries under it
            by = [i for i in own if i.type in DESIGNATORS and not i.anaphor]
            if by:
                designating, designating_list = by[0], ""
        if is_item and designating is not None:
            out += _designated(s, items, designating, pat, rejected, item=designating_list or "-")
        if is_item and LIST_ENTRY_TAG.search(s.text):
            out += _list_entry(s, items, schema, pat, rejected, sdn_list)
        sdn_list = next((i for i in own if i.ref in SDN_LISTS), sdn_list)
        entity_list = next((i for i in own if i.ref in ENTITY_LISTS), entity_list)
        if (entry_party is None or entry_party[0] != s.paragraph) and not s.text.lstrip().startswith(ALIAS_LINE):
            # (a paragraph that names no party, an address, or an alias on a line of its own ("—QZM Semiconductor;
            # and"), keeps the one before)
            first_party = next((i for i in own if i.type in LISTABLE - {"Agency"} and not i.anaphor), None)
            entry_party = (s.paragraph, first_party, s.index) if first_party is not None else entry_party
        if entity_list is not None and entry_party is not None and s.index - entry_party[2] <= ENTRY_REACH \
                and EAR_ENTRY.search(s.text):
            # an entry of the Entity List's supplement: "X Co., Ltd., a.k.a. Y. Room 1, …, Beijing. For all items
            # subject to the EAR. Presumption of denial. 90 FR 11873": the paragraph's first party is on the list
            out += _on_list(s, items, _elsewhere(entry_party[1]), _elsewhere(entity_list), [(0, len(s.text))],
                            "ear_entry", "structure ear-entry (an entry of the Entity List's supplement: its licence "
                            "requirement and review policy)", pat, rejected)
        if is_item and destination is not None:
            out += _destination_item(s, items, destination, "destination_item",
                                     f"structure destination-item (listed under '{destination.surface}')")
        elif is_item and intro is not None and intro[1].ref in nationality:
            home = nationality[intro[1].ref]
            out += _destination_item(s, items, home, "list_nationality",
                                     f"structure list-nationality (the list's parties are '{home.surface}' ones)")
        the_list = _introduces_list(s, items)
        named_lists = [i for i in items if i.type == "Instrument" and i.is_list]
        if the_list is None and not named_lists and last_list is not None and s.index - last_list[0] <= LIST_REACH \
                and (INTRO.search(s.text) or (INTRO_VERB.search(s.text) and MORE_FOLLOW.search(s.text))):
            # "The Department has added the following entities:" after a sentence that names the list, "(a) Entity
            # List. … Affected customers:": the items go on the list just named
            the_list = last_list[1]
        listed_colon = EN_LISTED_COLON.search(s.text) if not named_lists and last_list is not None \
            and s.index - last_list[0] <= LIST_REACH + 2 else None  # (past a numbered heading's two lines)
        if listed_colon is not None and last_list is not None:
            # "Four other PRC companies remain listed: Huawei …, DJI …": the parties after the colon are on the list
            # named just before
            for x in [i for i in own if i.type in LISTABLE and not i.anaphor and i.start >= listed_colon.end()]:
                out += _on_list(s, own, x, _elsewhere(last_list[1]), [listed_colon.span(), (x.start, x.end)],
                                "listed_colon", f"structure listed-colon ('{listed_colon.group(0)}' of "
                                f"{last_list[1].surface or last_list[1].name})", pat, rejected)
        if named_lists:
            last_list = (s.index, named_lists[-1])
        lang = "zh" if s.language.startswith("zh") else "en"
        if the_list is not None and (pat.negation[lang].search(s.text) or pat.contrast[lang].search(s.text)):
            # "X has never been placed on the list": no parties go on it after this; but inside a numbered item
            # ("(4) X … The Qinling group itself is not being added.") it speaks of that item's words only
            the_list = None
            if not (is_item or s.paragraph == item_paragraph):
                intro = None
        if is_item:
            item_paragraph = s.paragraph
        if INTRO.search(s.text):  # "The following persons were designated …:", "OFAC has added the following persons
            # to the SDN List:": who designates the items after it, and the list it puts them on
            listing = INTRO_VERB.search(s.text)
            # the actor is the subject: before 将 in 工作机制决定将以下6家美国实体列入… (美国: whose the parties are)
            limit = -1 if listing is None else s.text.rfind("将", 0, listing.start()) if lang == "zh" else -1
            limit = limit if limit >= 0 else listing.start() if listing is not None else -1
            by = [i for i in own if i.type in DESIGNATORS and i.end <= limit]
            designating = None if pat.negation[lang].search(s.text) else agent or (by[-1] if by else None) or (
                designator if DESIGNATE[lang].search(s.text) and not any(i.type in DESIGNATORS for i in own) else None)
            designating_list = the_list.ref if the_list is not None else ""
        if the_list is not None:
            intro = (s, the_list)
            country_of_parties = _parties_country(s, own)
            if country_of_parties is not None:
                nationality[the_list.ref] = country_of_parties
                home_prose = (s, country_of_parties)
        # in prose, the parties a sentence adds "under the destination of China" are named in it or just after
        if not is_item and home_prose is not None and s.index - home_prose[0].index <= WINDOW \
                and s.paragraph == home_prose[0].paragraph:
            out += _destination_item(s, own, home_prose[1], "parties_country_prose",
                                     f"structure parties-country (the parties added are "
                                     f"'{home_prose[1].surface}' ones)", every=True)
        # "上述实体大多是美国的防务承包商。其中，X…": the companies named in that sentence and the next ones
        home_of_group = _group_country(s, own)
        if home_of_group is not None:
            group_home = (s, home_of_group)
        if group_home is not None and s.index - group_home[0].index <= WINDOW \
                and s.paragraph == group_home[0].paragraph:
            out += _destination_item(s, own, group_home[1], "group_country",
                                     f"structure group-country (the entities named are '{group_home[1].surface}' "
                                     f"ones)", every=True)
        country = [i for i in own if i.type == "Country"]
        if len(country) == 1 and len(s.text.strip(" :：.")) <= len(country[0].surface) + 2:
            destination = country[0]
        elif country and UNDER_DESTINATION.fullmatch(s.text, 0, country[0].start):
            destination = country[0]  # "a. Under CHINA, PEOPLE'S REPUBLIC OF, remove …; add:": the parties below
        elif not is_item and not BARE_NUMBER.fullmatch(s.text) and len(s.text) > 200:
            destination = None
        # a press conference: what an answer opposes or responds to "对此" is what the question named
        if s.p_start == 0:
            qa_kind = "q" if QUESTION.match(s.text) else "a" if ANSWER.match(s.text) and qa_kind == "q" else ""
            if qa_kind == "q":
                asked = []
        if qa_kind == "q":
            asked += [i for i in own if i.type in MEASURES and not i.anaphor]
        elif qa_kind == "a" and asked:
            out += _answer(s, own, asked, pat, schema, rejected)
        if CAPTION.fullmatch(s.text.strip()) and not TABLE_ROW.match(s.text):
            # a line of its own that names a list (an annex's title: 不可靠实体清单名单（2025年第12号））: the table
            # under it is of the list's parties
            heading_list = next(((s, i) for i in own if i.type == "Instrument" and i.is_list and not i.anaphor),
                                heading_list)
        # a table whose header names a list ("On the Entity List?", 是否列入实体清单): a row that answers yes puts its
        # first name on it
        if TABLE_ROW.match(s.text):
            if TABLE_RULE_LINE.fullmatch(s.text.strip()):
                pass
            elif table is None or not TABLE_ROW.match(prev_text or ""):
                table = (s, items)
            else:
                out += _table_row(s, items, table, pat, rejected)
                if intro is not None and 0 < table[0].index - intro[0].index <= 2 \
                        and INTRO.search(intro[0].text) and (cells := _cells(s.text)):
                    # "Supplement No. 4 … is amended by adding … the following entries:" and a table of them: each
                    # row's first name (in its first cell) is on the list
                    out += _list_item(s, [i for i in items if i.start < cells[0][1]], intro, pat, rejected)
                elif heading_list is not None and 0 < table[0].index - heading_list[0].index <= 2 \
                        and (cells := _cells(s.text)) and (party := _row_party(s.text, cells, items)) is not None:
                    out += _list_item(s, [party], heading_list, pat, rejected)
        elif not BARE_NUMBER.fullmatch(s.text):
            table = None
        prev_text = s.text.strip()
        if len(items) >= 2:
            out += propose_sentence(s, items, rules, schema, pat, prior, rejected)
            out += _address_homes(s, own, gaz, pat)
        out += _name_parents(s, own, gaz, schema, governments)
        out += _legal_basis(s, items, schema)
        governments.update({i.surface.strip()[:-4]: i for i in own
                            if i.type == "Agency" and not i.anaphor and i.surface.strip().endswith("人民政府")
                            and len(i.surface.strip()) >= 6})
        goods = _name_goods(s, own, gaz, schema)
        out += goods + _name_fields(s, own, mentions, gaz, schema, {(p.source.ref, p.target.ref) for p in goods})
        out += _funded_for(s, own, schema)
        out += _group_parent(s, own, schema)
        out += _possessive_unit(s, own, schema)
        out += _its_unit(s, own, schema, last_firm if last_firm and last_firm[0].paragraph == s.paragraph else None)
        if (firm := next((i for i in own if i.type == "Company" and not i.anaphor), None)) is not None:
            last_firm = (s, firm)  # the first firm a sentence names: what "Its subsidiary" after it points to
        out += _office_holders(s, own, gaz, schema)
        # "上述实体", "these companies", "today's six designees": each party of the group named just before
        out += _group_proposals(s, items, groups, rules, schema, pat, prior, rejected)
        if INTRO.search(s.text):
            groups = [g for g in groups if g[0] != "items"] + [("items", s.index, [])]
        elif is_item:
            first = [i for i in own if i.type in LISTABLE and not i.anaphor][:1]
            fresh = groups and groups[-1][0] == "items" and not groups[-1][2] and s.index - groups[-1][1] <= 1
            if first and first_item and not fresh:
                # a numbered list of parties that starts without an introducing sentence (under a heading): its
                # items are a group of their own ("All persons designated today …" after it)
                groups = [g for g in groups if g[0] != "items"] + [("items", s.index, [])]
            if first and groups and groups[-1][0] == "items" and not any(g.ref == first[0].ref for g in groups[-1][2]):
                groups[-1] = ("items", s.index, [*groups[-1][2], first[0]])
        else:
            named = list({i.ref: i for i in own if i.type in GROUPABLE and not i.anaphor}.values())
            if len(named) >= 2 and not GROUP_REF[lang].search(s.text):
                groups = [g for g in groups if g[0] != "prose"] + [("prose", s.index, named)]
        bodies = list({i.ref: i for i in own if i.type == "Agency" and not i.anaphor}.values())
        if len(bodies) >= 2 and not AGENCY_GROUP_REF[lang].search(s.text):
            # "商务部与海关总署联合发布…" … "两部门已通过…": the bodies a later "the two agencies" points to
            groups = [g for g in groups if g[0] != "agencies"] + [("agencies", s.index, bodies)]
        # a relation stated across the sentences of one paragraph ("X was added. It designs GPUs."): the scorer
        # weighs how many sentences apart the two names are
        before = [(b, its) for b, its in before if b.paragraph == s.paragraph and s.index - b.index <= WINDOW]
        here = {i.ref for i in own}
        for b, its in before:
            # a name this sentence names again is read with the others here, in one sentence, not across two
            its = [i for i in its if i.ref not in here]
            if its and own:
                w, shifted = _window(doc, b, s, own)
                out += propose_sentence(w, [*its, *shifted], rules, schema, pat, prior, rejected,
                                        boundary=s.p_start - b.p_start, apart=s.index - b.index)
        before.append((s, own))
        if pat.negation["zh" if s.language.startswith("zh") else "en"].search(s.text):
            negated_lists.update(i.ref for i in own if i.type == "Instrument")
        for i in own:
            if not i.anaphor:
                seen.setdefault(i.ref, (s, i, []))[2].append(s.index)
        designated_so_far.update({p.target.ref: p.target for p in out[before_sentence:]
                                  if p.type == "SANCTIONS" and p.kind != "cooccur" and not p.target.anaphor
                                  and p.target.type in {"Company", "Organization", "Person"}})
    # pairs a sentence read, kept or not (a negation, a request, a contrast): no document-level reading for them
    said = {frozenset((p.source.ref, p.target.ref)) for p in out}
    said_names = {frozenset(m.group(1, 2)) for r in rejected[rejected_before:] if (m := REJECTED_PAIR.match(r))}
    out = _drop_requested(doc, out, pat, rejected)
    out = _drop_other_leaders(out, rejected)
    out += _document_homes(seen, out, gaz, schema, pat)
    out += _document_chain(seen, out, schema)
    # (no listing on a list a negation speaks of is read from the whole document: "the six entities are not on
    # that list")
    out += [p for p in _document_known(seen, out, schema, prior, doc.id)
            if not (p.type == "LISTED_ON" and p.target.ref in negated_lists)]
    out += [p for p in _document_pairs(doc, seen, out, schema, prior, said, said_names)
            if not (p.type == "LISTED_ON" and p.target.ref in negated_lists)]
    _home_features(out, gaz, pat)
    _pair_features(out)
    _salience_features(out, seen)
    _known_features(out, prior)
    return out


HOME_FROM = {"Administration", "Agency", "Person", "Company", "Organization", "Programme"}


# a party's seat in an apposition after its name or right before it: "X, a Yekaterinburg-based manufacturer",
# "the Moscow-based importer X"
BASED_AFTER = re.compile(r"\s*[,(]\s*(?:a|an|the)\s+(?:[a-z]+\s+)?([A-Z][A-Za-z.\s]{1,30}?)-based\b")
BASED_BEFORE = re.compile(r"\b([A-Z][A-Za-z.\s]{1,30}?)-based\s+(?:[a-z\-]+\s+){0,3}$")


def _document_features(s: Sentence, pattern: str, rel: str, a: str, b: str, counts: list[str]) -> dict[str, float]:
    """The features of a proposal the whole document makes (no sentence joins the pair): its pattern, relation and
    types, the document's counts, and the language."""
    return {"kind=document": 1.0, f"pattern={pattern}": 1.0, f"rel={rel}": 1.0, f"types={a}>{b}": 1.0,
            f"rel_types={rel}:{a}>{b}": 1.0, **{c: 1.0 for c in counts},
            f"lang={'zh' if s.language.startswith('zh') else 'en'}": 1.0}


def _document_chain(seen: dict[str, tuple[Sentence, Item, list[int]]], found: list[Proposal],
                    schema: Schema) -> list[Proposal]:
    """The links of the one industry chain a document names (集成电路产业链: 设计、制造、封装测试…): each chain
    segment it names is part of that chain, though no sentence joins them (the segments are often listed in one
    paragraph and the chain named in a title or another). Proposed only for pairs no sentence reads, with the
    document's counts as features; the evidence is the sentence that first names the segment."""
    chains = [(ref, s, i) for ref, (s, i, _) in seen.items() if i.type == "IndustryChain"]
    if len(chains) != 1 or not _allowed(schema, "PART_OF", "ChainSegment", "IndustryChain"):
        return []
    ref, cs, chain = chains[0]
    segments = [(r, s, i, where) for r, (s, i, where) in seen.items() if i.type == "ChainSegment"]
    read = {frozenset((p.source.ref, p.target.ref)) for p in found}
    target = Item(-1, -1, chain.ref, chain.type, chain.name, chain.candidate, surface=chain.surface)
    out = []
    for r, s, item, where in segments:
        if frozenset((r, ref)) in read:
            continue
        features = _document_features(s, "chain-document", "PART_OF", "ChainSegment", "IndustryChain", [
            f"chain_segments={_bucket(len(segments), (1, 2, 4))}",
            f"chain_segment_mentions={_bucket(len(where), (1, 2, 5))}",
            f"chain_same_paragraph={s.paragraph == cs.paragraph}"])
        out.append(Proposal(item, "PART_OF", target, s.doc, s, "cooccur",
                            f"document chain: {item.name} is a link of {chain.name} (the one industry chain the "
                            f"document names, in sentence {cs.index})", features))
    return out


# what a list of requests asks for is not done: a listing, a sanction, a measure's target or effect
REQUEST_BLOCKED = {"LISTED_ON", "SANCTIONS", "TARGETS", "AFFECTS", "EASES", "REVIEWS"}


def _is_item(text: str, prev: str | None) -> bool:
    """A list item: the sentence opens with its number ("1. …", "(2) …", "三、…"), or the line before was the
    number alone."""
    return bool(LIST_ITEM.match(text)) or (prev is not None and bool(BARE_NUMBER.fullmatch(prev)))


def _requested(doc: Document, pat: Patterns) -> dict[int, str]:
    """Sentence index -> the request cue of the line its list item stands under: the items (and their running
    sentences) after a line that ends in a colon and asks ("We therefore respectfully request that you:")."""
    out: dict[int, str] = {}
    cue: str | None = None
    heading_cue: str | None = None  # the heading's own ("1. Firms that should be added now")
    item_paragraph: str | None = None
    prev: str | None = None
    for s in doc.sentences:
        if s.kind not in RULE_SENTENCE_KINDS:
            continue
        lang = "zh" if s.language.startswith("zh") else "en"
        is_item = _is_item(s.text, prev)
        if HEADING_LINE.fullmatch(s.text.strip()) and (s.kind.startswith("heading") or (
                prev is not None and BARE_NUMBER.fullmatch(prev))):
            asks = pat.unrealised.get(lang)
            found = asks.search(s.text) if asks is not None else None
            heading_cue = found.group(0) if found else None
        elif is_item or (item_paragraph is not None and s.paragraph == item_paragraph):
            item_paragraph = s.paragraph if is_item else item_paragraph
            if cue is not None:
                out[s.index] = cue
        else:
            rx = pat.requests.get(lang)
            m = rx.search(s.text) if rx is not None and INTRO.search(s.text) else None
            # ("Committee staff found that the following meet that standard:" under that heading asks too)
            cue = m.group(0) if m else heading_cue if INTRO.search(s.text) else None
            item_paragraph = None
        prev = s.text.strip()
    return out


# a heading's line: short, with no sentence's end
HEADING_LINE = re.compile(r"[^.。!?！？:：;；]{3,80}")


# an administration named after its head ("Biden administration", "Trump 2.0 administration", 特朗普政府)
NAMED_ADMINISTRATION = re.compile(r"^(?!The\b|US\b|U\.S\.|United\b|American\b|Current\b|Former\b|Previous\b|"
                                  r"Next\b|New\b)([A-Z][a-z]+)(?=[\s\-])")


# a post right before a person's name that is not a body's head (a commission's commissioner, a deputy; an
# assistant secretary heads a bureau or an office, so is not among them)
NOT_HEAD_POST = re.compile(r"(?:(?<![A-Za-z])Commissioner|(?<![A-Za-z])(?:Deputy|Vice)\s+"
                           r"(?:[A-Z][a-z]+\s+){0,3}?(?:Secretary|Minister|Director|Administrator|Chair(?:man|woman)?|"
                           r"President|Commissioner|Governor)(?:\s+(?:of|for)\s+[A-Z][\w\s,&]{0,60}?)?)\s+$")


# the place a longer name adds before a shorter known one ("European" of "European Chips Act")
PLACE_WORD = re.compile(r"(?:the\s+)?(?:European|EU|Japanese|Japan['’]s|Korean|Korea['’]s|K-|Chinese|China['’]s|"
                        r"Dutch|German|French|Taiwanese|Taiwan['’]s|Indian|British|UK|U\.K\.|Australian|Canadian|"
                        r"Italian|Singapore)", re.IGNORECASE)


def _longer_named(items: list[Item], longer: dict[tuple[str, str], list[Item]]) -> list[Item]:
    """"The EU adopted the Chips Act" after "the European Chips Act": a known name of two words or more that ends a
    longer known name of the same type named before in the document, the longer one only adding a place ("European",
    "Japan's"), is that longer name's short form here (the gazetteer's "Chips Act" is the U.S. law). ``longer``:
    the names so far by their type and each of their ends after a space (_index_ends), so that a long document is
    not searched name by name for each short one."""
    out = []
    for i in items:
        words = i.surface.split()
        short = i.surface.lower()
        hit = None if i.candidate or i.anaphor or len(words) < 2 else next(
            (j for j in reversed(longer.get((i.type, short), [])) if j.ref != i.ref and not j.candidate
             and j.surface.lower().endswith(" " + short)
             and PLACE_WORD.fullmatch(j.surface[:len(j.surface) - len(i.surface)].strip())), None)
        out.append(i if hit is None else Item(i.start, i.end, hit.ref, hit.type, hit.name, False, i.anaphor,
                                              i.surface))
    return out


def _index_ends(index: dict[tuple[str, str], list[Item]], items: list[Item]) -> None:
    """Add known names to _longer_named's index: under their type and each end of their lowered surface that
    follows a space (a name whose end is a shorter name is found under that shorter name)."""
    for j in items:
        if j.candidate:
            continue
        low = j.surface.lower()
        for k, ch in enumerate(low):
            if ch == " ":
                index.setdefault((j.type, low[k + 1:]), []).append(j)


def _after_bei(text: str, x: Item, items: list[Item]) -> bool:
    """中芯国际被BIS列入…, 被美国商务部工业与安全局（BIS）列入…: ``x`` is the agent after 被, right after it or after
    the names that open the agent's name (its country, its ministry)."""
    at = x.start
    while at > 0 and text[at - 1] != "被":
        # (or its form in brackets after it: 被美国商务部工业与安全局（BIS）)
        end = at - 1 if text[at - 1] in "（(" else at
        before = [i for i in items if i.end == end and i.start < end]
        if not before:
            return False
        at = before[0].start
    return at > 0


def _after_the_agent(text: str, items: list[Item], verb_end: int, y: Item, types: Iterable[str]) -> bool:
    """"…, issued by President Trump, USTR imposed …": ``y`` comes after another possible agent of the passive verb
    ending at ``verb_end``, not joined to it ("and", a possessive), so the verb's agent is that name, not ``y``."""
    agents = [i for i in items if verb_end <= i.start and i.end <= y.start and i.type in types]
    return bool(agents) and not AGENT_JOIN.fullmatch(text, agents[-1].end, y.start)


def _drop_other_leaders(proposals: list[Proposal], rejected: list[str]) -> list[Proposal]:
    """"The Trump Administration, which succeeded the Biden Administration, … President Donald J. Trump issued …":
    an administration named after its head is led by no one else (the Biden administration is not led by Trump)."""
    kept = []
    for p in proposals:
        head = NAMED_ADMINISTRATION.match(p.source.name) if p.type == "LED_BY" and \
            p.source.type == "Administration" and p.target.type == "Person" else None
        if head is not None and head.group(1).lower() not in f"{p.target.name} {p.target.surface}".lower():
            rejected.append(f"{p.doc}@{p.sentence.start}: {p.source.name} -[LED_BY]-> {p.target.name}: the "
                            f"administration is named after {head.group(1)!r}, not this person")
            continue
        post = NOT_HEAD_POST.search(p.sentence.text, 0, p.target.start) if p.type == "LED_BY" \
            and p.target.type == "Person" and p.target.end > p.target.start and not p.target.anaphor else None
        if post is not None and (not post.group(0).startswith("Commissioner") or "Commission" in p.source.name):
            # "Commissioner Brendan Carr said …" (a member of the Commission), "Deputy Secretary X": not its head
            rejected.append(f"{p.doc}@{p.sentence.start}: {p.source.name} -[LED_BY]-> {p.target.name}: the person "
                            f"is named with the post {post.group(0).strip()!r}, not the head's")
            continue
        kept.append(p)
    return kept


def _drop_requested(doc: Document, proposals: list[Proposal], pat: Patterns, rejected: list[str]) -> list[Proposal]:
    requested = _requested(doc, pat)
    if not requested:
        return proposals
    kept = []
    for p in proposals:
        cue = requested.get(p.sentence.index)
        if cue is not None and p.type in REQUEST_BLOCKED:
            rejected.append(f"{p.doc}@{p.sentence.start}: {p.source.name} -[{p.type}]-> {p.target.name}: asked for, "
                            f"not done: {cue!r} (the line the item stands under)")
            continue
        kept.append(p)
    return kept


def _document_homes(seen: dict[str, tuple[Sentence, Item, list[int]]], found: list[Proposal], gaz: Gazetteer,
                    schema: Schema, pat: Patterns) -> list[Proposal]:
    """A name whose country the document leaves to what the reader knows: "Hefei … Co., Ltd." (合肥…有限公司) is a
    Chinese company when the document names China (patterns.yaml home_places); a known name whose country the
    gazetteer records (国务院 and 中国 in one document, never in one sentence: the keys relate such pairs in about a
    third of documents, and the trees tell which from the counts below; grouped CV 2324/1712 -> 2358/1739 pairs
    found as they are / as new texts). Proposed only for pairs no
    sentence reads, with the document's own counts as features (how often it names the country, whether that is
    the country it names most, how often it names the entity); the evidence is the sentence that first names the
    entity."""
    homes = _home_map(gaz)
    prefixes, opens_with_country = _country_names(gaz)
    countries = {ref: len(where) for ref, (_, i, where) in seen.items() if i.type == "Country"}
    if not countries:
        return []
    posts = _post_homes(found, homes, prefixes, opens_with_country)
    top = max(countries.values())
    read = {frozenset((p.source.ref, p.target.ref)) for p in found}
    # a name that holds its country's name says whose it is, whatever else a sentence reads between the two
    homes_read = {frozenset((p.source.ref, p.target.ref)) for p in found if p.type == "BELONGS_TO"}
    out: list[Proposal] = []
    for ref, (s, item, where) in seen.items():
        if item.type not in HOME_FROM or not _allowed(schema, "BELONGS_TO", item.type, "Country"):
            continue
        # a country's own name that opens the name as written (美国商务部, "U.S. Customs and Border Protection",
        # "Chinese Academy of Sciences"): the name says whose it is
        surface = item.surface or ""
        prefix = opens_with_country.match(surface)
        if prefix and AFFAIRS_AFTER.match(surface, prefix.end(1)):
            prefix = None  # "Taiwan Affairs Office", 台湾事务办公室: a body for that place, not of it
        home = prefixes[prefix.group(1).lower()] if prefix else None
        how, source = "its country's name opens the name as written", "prefix"
        held = None
        if home is None and item.type in {"Agency", "Organization"}:
            # ... or stands inside a body's name as a word of it ("Royal Malaysia Police")
            held = _country_inside(gaz).search(surface)
            held = None if held and AFFAIRS_AFTER.match(surface, held.end(1)) else held
            home = prefixes[held.group(1).lower()] if held else None
            how, source = "its country's name is a word of its name", "inside"
        in_name = prefix is not None or held is not None  # the name as written says whose it is
        if home is None and ref in homes:
            home = homes[ref]
            how, source = "the gazetteer's country", "gazetteer"
        elif home is None and ref in posts:
            home, post = posts[ref]
            how, source = f"its post at {post} is of that country", "post"
        elif home is None:
            code = pat.place_home(item.name) or pat.place_home(item.surface)
            how, source = "a place of it opens the name", "document"
            if code is None and item.end > 0:
                code = pat.address_home(s.text[item.end:])
                how = "its address after its name is a place of it"
            based = BASED_AFTER.match(s.text, item.end) if code is None and item.end > 0 else None
            based = based or (BASED_BEFORE.search(s.text, 0, item.start) if code is None and item.end > 0 else None)
            if based is not None:  # ", a Yekaterinburg-based manufacturer", "the Moscow-based importer X"
                code = pat.place_home(based.group(1))
                how = f"the document calls it {based.group(1)}-based"
            home = homes.get(f"iso:{code}") if code else None
        if home is None or home == ref or home not in countries or \
                frozenset((ref, home)) in (homes_read if in_name else read):
            continue
        cs, country, _ = seen[home]
        target = Item(-1, -1, country.ref, country.type, country.name, country.candidate, surface=country.surface)
        source = "prefix" if prefix else "inside" if held else source
        features = _document_features(s, f"home-{source}", "BELONGS_TO", item.type,
                                      "Country", [
            f"home_top={countries[home] == top}",
            f"home_country_mentions={_bucket(countries[home], (1, 2, 5))}",
            f"home_entity_mentions={_bucket(len(where), (1, 2, 5))}",
            f"home_countries={_bucket(len(countries), (1, 2, 4))}"])
        features["candidate_end"] = float(item.candidate)
        out.append(Proposal(item, "BELONGS_TO", target, s.doc, s, "cooccur",
                            f"document home: {item.name} is of {country.name} ({how}; the document names "
                            f"{country.surface or country.name} in sentence {cs.index})", features))
    return out


# a person's post at a body, by the words between the two: "the Foreign Ministry's spokesperson Lin Jian", "Commerce
# Secretary Gina Raimondo", 外交部发言人赵立坚, 经济部长罗伯特·哈贝克 (LED_BY says the heads; these say any post)
POST_BETWEEN = {
    "en": re.compile(r"^\s*(?:['’]s?\s+)?(?:(?:chief|senior|deputy|acting|top|former|then-)\s+)?(?:[A-Za-z\-]+\s+)?"
                     r"(?:spokes(?:person|man|woman)|official|minister|secretary|director|chair(?:man|woman)?|"
                     r"commissioner|administrator|ambassador|envoy|negotiator|representative|adviser|advisor|"
                     r"head|chief|counsel|undersecretary)\s*,?\s*$", re.IGNORECASE),
    "zh": re.compile(rf"^(?:（[^（）]{{1,20}}）)?(?:的)?(?:新闻)?(?:发言人|官员|负责人|{ZH_HEAD_TITLES}|大臣|大使|代表|"
                     r"副部长|副局长|部长助理)(?:、[\u4e00-\u9fff]{1,5})?$"),
}


def _post_homes(found: list[Proposal], homes: dict[str, str], prefixes: dict[str, str],
                opens_with_country: re.Pattern[str]) -> dict[str, tuple[str, str]]:
    """A person's country by their post: the body a sentence gives them a post at (a LED_BY a pattern or a structure
    reads, or a title between the two names), when the body's country is known (the gazetteer's, its name opening
    with the country's, or a BELONGS_TO a pattern or a structure reads). Person id -> (country id, the body's
    name); a person posted at bodies of two countries gets none."""
    body_home: dict[str, str] = {}
    for p in found:
        if p.type == "BELONGS_TO" and p.kind != "cooccur" and p.target.type == "Country":
            body_home.setdefault(p.source.ref, p.target.ref)

    def home_of(body: Item) -> str | None:
        if body.ref in homes:
            return homes[body.ref]
        m = opens_with_country.match(body.surface or "")
        return prefixes[m.group(1).lower()] if m else body_home.get(body.ref)

    out: dict[str, set[tuple[str, str]]] = {}
    for p in found:
        pair = {p.source.type, p.target.type}
        if "Person" not in pair or not pair & {"Agency", "Organization", "Company"} or len(pair) != 2:
            continue
        person, body = (p.source, p.target) if p.source.type == "Person" else (p.target, p.source)
        if p.type == "LED_BY" and p.kind != "cooccur":
            posted = True
        else:
            a, b = sorted((person, body), key=lambda i: i.start)
            between = p.sentence.text[a.end:b.start]
            rx = POST_BETWEEN["en" if between.isascii() else "zh"]
            posted = body is a and b.start >= a.end > 0 and bool(rx.match(between))
        home = home_of(body) if posted else None
        if home is not None:
            out.setdefault(person.ref, set()).add((home, body.name))
    return {ref: sorted(v)[0] for ref, v in out.items() if len({h for h, _ in v}) == 1}


def _pair_features(proposals: list[Proposal]) -> None:
    """What the whole document says about a pair beside one sentence: in how many sentences the two names are
    read together, and which other kinds of evidence read them (a co-occurrence whose pair a pattern states
    elsewhere in the document is likelier related than one seen once, alone)."""
    sentences: dict[frozenset[str], set[int]] = {}
    kinds: dict[frozenset[str], set[str]] = {}
    for p in proposals:
        pair = frozenset((p.source.ref, p.target.ref))
        sentences.setdefault(pair, set()).add(p.sentence.start)
        kinds.setdefault(pair, set()).add(p.kind)
    for p in proposals:
        pair = frozenset((p.source.ref, p.target.ref))
        n = _bucket(len(sentences[pair]), (1, 2, 4, 8))
        p.features[f"pair_sentences={n}"] = 1.0
        p.features[f"pair_sentences_kind={n}:{p.kind}"] = 1.0
        other = sorted(kinds[pair] - {p.kind})
        for k in other:
            p.features[f"pair_other_kind={k}"] = 1.0
        p.features[f"pair_other_kinds={len(other)}"] = 1.0


def _salience_features(proposals: list[Proposal], seen: dict[str, tuple[Sentence, Item, list[int]]]) -> None:
    """How much the document says about each end: in how many sentences it is named (the fewer of the two, the
    more), whether each is among the document's three most named, and whether each is named in its first three
    sentences (a title, a lead). A key records the relations of what a document is about."""
    counts = {ref: len(set(w)) for ref, (_, _, w) in seen.items()}
    top = set(sorted(counts, key=lambda r: (-counts[r], r))[:3])
    lead = {ref for ref, (s, _, _) in seen.items() if s.index < 3}
    for p in proposals:
        a, b = counts.get(p.source.ref, 0), counts.get(p.target.ref, 0)
        p.features[f"named_min={_bucket(min(a, b), (1, 2, 4, 8))}"] = 1.0
        p.features[f"named_max={_bucket(max(a, b), (1, 2, 4, 8))}"] = 1.0
        p.features[f"named_top={p.source.ref in top}:{p.target.ref in top}"] = 1.0
        p.features[f"named_lead={p.source.ref in lead}:{p.target.ref in lead}"] = 1.0


_HOMES: dict[int, tuple[Gazetteer, dict[str, str]]] = {}  # per gazetteer: entity id -> its country's id


_PREFIXES: dict[int, tuple[Gazetteer, dict[str, str], re.Pattern[str]]] = {}


def _country_names(gaz: Gazetteer) -> tuple[dict[str, str], re.Pattern[str]]:
    """The names of the gazetteer's countries (those with an ISO code, not its cities), lower-cased -> id; and a
    pattern for a name that opens with one of them (美国商务部, "U.S. Customs")."""
    known = _PREFIXES.get(id(gaz))
    if known is None or known[0] is not gaz:
        names: dict[str, str] = {}
        for e in gaz.entities.values():
            if e.type != "Country" or not e.properties.get("iso2"):
                continue
            for n in (e.name, e.name_zh, *e.aliases):
                if n and len(n) >= 2 and n.lower() not in names:
                    names[n.lower()] = e.id
        alts = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
        # a Latin name ends at a word's end and a longer name goes on after it; a Chinese one runs into the name
        rx = re.compile(rf"({alts})(?:(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])|(?<=[A-Za-z.])\s+(?=[A-Z]))",
                        re.IGNORECASE)
        known = _PREFIXES[id(gaz)] = (gaz, names, rx)
    return known[1], known[2]


_INSIDE: dict[int, tuple[Gazetteer, re.Pattern[str]]] = {}
# a place's name before "Affairs" names what a body deals with, not whose it is
AFFAIRS_AFTER = re.compile(r"\s*(?:Affairs|事务)")


def _country_inside(gaz: Gazetteer) -> re.Pattern[str]:
    """A Latin country name of the gazetteer as a word inside a longer name ("Royal Malaysia Police")."""
    known = _INSIDE.get(id(gaz))
    if known is None or known[0] is not gaz:
        names, _ = _country_names(gaz)
        latin = sorted((n for n in names if n.isascii() and len(n) > 2), key=lambda n: (-len(n), n))
        rx = re.compile(rf"(?<![A-Za-z.])({'|'.join(re.escape(n) for n in latin)})(?![A-Za-z])", re.IGNORECASE)
        known = _INSIDE[id(gaz)] = (gaz, rx)
    return known[1]


def _home_map(gaz: Gazetteer) -> dict[str, str]:
    """Entity id -> the id of its country, as the gazetteer records it; and "iso:CN" -> China's id."""
    known = _HOMES.get(id(gaz))
    if known is None or known[0] is not gaz:
        iso = {str(e.properties.get("iso2")): e.id for e in gaz.entities.values()
               if e.type == "Country" and e.properties.get("iso2")}
        homes = {e.id: iso[str(e.properties["country"])] for e in gaz.entities.values()
                 if str(e.properties.get("country")) in iso}
        homes.update({f"iso:{code}": ref for code, ref in iso.items()})
        known = _HOMES[id(gaz)] = (gaz, homes)
    return known[1]


def _home_features(proposals: list[Proposal], gaz: Gazetteer, pat: Patterns) -> None:
    """What the gazetteer knows beside what the sentence says: a proposal between a country and a known name
    whose country the gazetteer records (BIS: US) says whether that is this country, so the scorer can tell
    "BIS … United States" (its own) from "Tokyo Electron … the Netherlands" (another's); for a new name, a place
    that opens it (无锡芯瀚…有限公司, "Hefei … Co., Ltd.": patterns.yaml home_places) says the same."""
    homes = _home_map(gaz)
    names, prefix = _country_names(gaz)
    for p in proposals:
        for x, c in ((p.source, p.target), (p.target, p.source)):
            if c.type == "Country" and x.type != "Country":
                home = homes.get(x.ref)
                if home is None and x.type in HOME_FROM:
                    code = pat.place_home(x.name) or pat.place_home(x.surface or "")
                    place = homes.get(f"iso:{code}") if code else None
                    if place is not None:
                        p.features[f"place_home_rel={p.type}:{'same' if place == c.ref else 'other'}"] = 1.0
                v = "unknown" if home is None else "same" if home == c.ref else "other"
                p.features[f"home={v}"] = 1.0
                p.features[f"home_rel={p.type}:{v}"] = 1.0
                # the name as written opens with a country's name (美国商务部, "U.S. Customs"): this one or another
                m = prefix.match(x.surface or "")
                if m:
                    own = "same" if names[m.group(1).lower()] == c.ref else "other"
                    p.features[f"prefix_home_rel={p.type}:{own}"] = 1.0


WINDOW = 2  # sentences: a name in one sentence may relate to a name up to this many sentences on

_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# a definite description of several parties named before
GROUP_REF = {
    "en": re.compile(r"(?<![A-Za-z])(?P<det>these|those|the\s+above|the\s+listed|the\s+designated|today['’]s|all|"
                     r"both|the)\s+(?:(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+)?(?:new\s+|newly\s+"
                     r"\w+\s+|listed\s+|designated\s+|additional\s+)?(?:entities|companies|firms|parties|persons|"
                     r"designees|individuals|entries|suppliers|contractors)(?![A-Za-z])", re.IGNORECASE),
    "zh": re.compile(r"(?:上述|以上|前述|这些|该等|这)(?P<n>\d{1,2}|[两二三四五六七八九十])?(?:家|个|名)?"
                     r"(?:实体|企业|公司|单位|机构)")}
# several bodies named before: "the two agencies", "both departments", 两部门, 上述三部委
AGENCY_GROUP_REF = {
    "en": re.compile(r"(?<![A-Za-z])(?:(?P<det>both|these|those)\s+(?:(?P<n2>two|three|four|five|\d)\s+)?|"
                     r"the\s+(?P<n>two|three|four|five|\d)\s+)(?:agencies|departments|ministries|regulators)"
                     r"(?![A-Za-z])", re.IGNORECASE),
    "zh": re.compile(r"(?:(?:上述|以上|这)(?P<n2>两|二|三|四|五|六)?|(?<![\u4e00-\u9fff])(?P<n>两|二|三|四|五|六))"
                     r"个?(?:部门|部委)")}
GROUPABLE = {"Company", "Organization", "Person"}
GROUP_WINDOW = {"items": 12, "prose": 2, "agencies": 3}  # sentences after its last name that a group stays in reach


def _group(s: Sentence, m: re.Match[str], groups: list[tuple[str, int, list[Item]]], bodies: bool = False
           ) -> list[Item]:
    """The names a group reference points to: a numbered list or the parties of the last sentences, or (``bodies``)
    the agencies of one of the last sentences."""
    n = m.group("n") or m.groupdict().get("n2")
    count = (int(n) if n.isdigit() else _NUMBER_WORDS.get(n.lower())) if n else None
    # "these companies" may point to the names of the last sentences; "the entities", only to a numbered list
    loose = (m.groupdict().get("det") or "").lower() in {"the", "all", "today's", "today’s"}
    for kind, last, members in reversed(groups):
        if (kind == "agencies") != bodies or (loose and kind == "prose") or len(members) < 2 \
                or s.index - last > GROUP_WINDOW[kind] or (count is not None and len(members) != count):
            continue
        return members
    return []


def _group_proposals(s: Sentence, items: list[Item], groups: list[tuple[str, int, list[Item]]], rules: list[Rule],
                     schema: Schema, pat: Patterns, prior: dict[tuple[str, str], tuple[str, bool]],
                     rejected: list[str]) -> list[Proposal]:
    """A sentence about "上述实体" or "the six designees" says it of each party of the group: its proposals are
    read with the group as one name, then given to each member, marked so that the scorer weighs them."""
    lang = "zh" if s.language.startswith("zh") else "en"
    out: list[Proposal] = []
    refs = [(m, False) for m in GROUP_REF[lang].finditer(s.text)]
    for m, bodies in [*refs, *((m, True) for m in AGENCY_GROUP_REF[lang].finditer(s.text))]:
        members = _group(s, m, groups, bodies)
        if not members or any(i.start < m.end() and m.start() < i.end and not i.anaphor for i in items):
            continue
        kind = max(sorted({i.type for i in members}), key=lambda t: sum(1 for i in members if i.type == t))
        here = Item(m.start(), m.end(), "\x00group", kind, m.group(0), False, anaphor=True, surface=m.group(0))
        rest = [i for i in items if not (i.start < m.end() and m.start() < i.end) and i.ref not in
                {x.ref for x in members}]
        if not rest:
            continue
        reason = f" (group: '{m.group(0)}' = the {len(members)} parties named before)"
        for p in propose_sentence(s, sorted([*rest, here], key=lambda i: (i.start, -i.end)), rules, schema, pat,
                                  prior, rejected):
            if here not in (p.source, p.target):
                continue
            for x in members:
                one = Item(here.start, here.end, x.ref, x.type, x.name, x.candidate, True, here.surface)
                src, dst = (one, p.target) if p.source is here else (p.source, one)
                if not _allowed(schema, p.type, src.type, dst.type):
                    continue
                out.append(Proposal(src, p.type, dst, p.doc, p.sentence, p.kind, p.reason + reason,
                                    {**p.features, "group_anaphor": 1.0, f"group_rel={p.kind}:{p.type}": 1.0}))
    return out

# a document's own measure: a numbered notice or order named in its first lines (商务部公告2024年第46号, Executive
# Order 14105), which "this rule", 本公告 and a legal basis (根据《…》, "pursuant to") point to
SELF_REFERENCE = {"zh": re.compile(r"本(?:公告|决定|规定|通知|办法|措施|令)"),
                  "en": re.compile(r"\b[Tt]his (?:(?:final|interim final|proposed) )?(?:rule|notice|order|action)\b|"
                                   r"^(?:SUMMARY:\s*)?The (?:(?:final|interim final) )?rule\b")}
LEGAL_BASIS = {"zh": re.compile(r"根据|依据|依照"), "en": re.compile(r"\b(?:pursuant to|under the authority of)\b")}
OWN_MEASURE_TYPES = {"Policy"}
REGISTER_MEASURE_TYPES = {"Policy", "Law", "Instrument"}  # what ENACTED may reach


# 关于印发《X》的通知: a notice that issues a plan or measure X; the document's provisions are X's
ZH_ISSUING_NOTICE = re.compile(r"关于(?:印发|发布|转发)《?(.{4,80}?)》?的(?:通知|公告|决定)")


def _own_measure(doc: Document, corpus: Corpus, gaz: Gazetteer,
                 by_sentence: dict[int, list[tuple[int, int, Candidate]]]) -> Item | None:
    register = register_title(doc)
    if register is not None:  # a Federal Register document: the rule its title line names
        s = doc.sentences[register[0]]
        for i in sentence_items(s, corpus.by_sentence.get((doc.id, s.index), []), gaz, by_sentence.get(s.index, [])):
            # (a title its head word typed otherwise is still the document's own: "… Web General License 7")
            if i.type in REGISTER_MEASURE_TYPES and i.end - i.start >= len(s.text.strip().rstrip(".")):
                return i
    issued = next((m.group(1) for s in doc.sentences[:3] if (m := ZH_ISSUING_NOTICE.search(s.text))), None)
    if issued is not None:  # the measure the notice issues, where the document names it
        for s in doc.sentences[:12]:
            mentions = corpus.by_sentence.get((doc.id, s.index), [])
            for i in sentence_items(s, mentions, gaz, by_sentence.get(s.index, [])):
                if i.type in OWN_MEASURE_TYPES and i.surface.strip("《》") == issued:
                    return i
    for s in doc.sentences[:4]:
        mentions = corpus.by_sentence.get((doc.id, s.index), [])
        for i in sentence_items(s, mentions, gaz, by_sentence.get(s.index, [])):
            if i.type in OWN_MEASURE_TYPES and re.search(r"\d", i.surface):
                return i
    return None


# a numbered provision of a notice or a rule: 一、…, （二）…, "(a) …", "Sec. 2." at the start of a paragraph
PROVISION = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\([a-z]\)\s|"
                       r"(?:Sec\.|Section)\s+\d)")


def _provision_verb(text: str, x: Item, items: list[Item], pat: Patterns, lang: str) -> str | None:
    """The relation word that governs a name in a provision with no subject of its own: 支持中微公司、北方华创 (the
    notice SUPPORTS both), "prohibits exports to X". The word must open the stretch before the name, with only
    other names, a list's joins and a few words of description between."""
    start = max((m.end() for m in PROVISION_STOP.finditer(text, 0, x.start)), default=0)
    stretch = text[start:x.start]
    for i in items:
        if start <= i.start and i.end <= x.start:
            stretch = stretch[:i.start - start] + " " * (i.end - i.start) + stretch[i.end - start:]
    best: tuple[int, str] | None = None
    for rel, by_lang in pat.triggers.items():
        rx = by_lang.get(lang)
        if rx is None:
            continue
        for m in rx.finditer(stretch):
            rest = re.sub(r"[\s、,，和及与]|and|or", "", stretch[m.end():])
            if len(rest) <= 8 and (best is None or m.start() > best[0]):
                best = (m.start(), rel)
    return best[1] if best else None


# a provision's number and a short title, with no sentence of its own: 一、管制物项, "(a) Covered items"
PROVISION_TITLE = re.compile(r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\([a-z]\)\s|"
                             r"(?:Sec\.|Section)\s+\d+\.?\s)[^。；;.:：]{1,24}[:：]?")
PROVISION_STOP = re.compile(r"[，。；：:;]|,\s")


def _provision(s: Sentence, items: list[Item], measure: Item, schema: Schema,
               prior: dict[tuple[str, str], tuple[str, bool]], pat: Patterns) -> list[Proposal]:
    """A notice's numbered provisions are its content: the goods, parties and countries a provision names relate
    to the document's own measure (第18号公告 … 一、对钐、钆…实施出口管制) by the usual relation between their types,
    marked so that the scorer weighs this reading on its own."""
    lang = "zh" if s.language.startswith("zh") else "en"
    anchor = _elsewhere(measure)
    out = []
    for x in items:
        if x.ref == measure.ref or x.type not in PROVISION_TYPES:
            continue
        if x.type == "Country" and PARTIES_OF.match(s.text, x.end):
            continue  # 以下3家美国实体: whose the parties are, not what the measure is aimed at
        if PROVISION_EXCLUDES[lang].search(s.text, x.end):
            continue  # 功率分立器件…，不再纳入本通知支持范围: the provision names what the measure leaves out
        readings = _readings(prior, measure.type, x.type)[:1]
        verb = _provision_verb(s.text, x, items, pat, lang)
        if verb is not None and _allowed(schema, verb, anchor.type, x.type) and (verb, True) not in readings:
            readings = [*readings, (verb, True)]  # 支持江淮晶材: the notice supports the firm (the scorer weighs both)
        for rel, forward in readings:
            src, dst = (anchor, x) if forward else (x, anchor)
            if not _allowed(schema, rel, src.type, dst.type):
                continue
            extra = {"provision": 1.0, f"provision_rel={rel}": 1.0}
            if verb is not None:
                extra[f"provision_verb={verb == rel}"] = 1.0
            feats = _features(s, [*items, anchor], src, dst, rel, "structure", "structure", lang, [], extra)
            out.append(Proposal(src, rel, dst, s.doc, s, "structure",
                                f"structure provision (a numbered provision of '{measure.surface}')", feats))
    return out


# a provision that names what its measure leaves out: no relation of the measure to it
PROVISION_EXCLUDES = {"zh": re.compile(r"不再纳入|不纳入|不再列入|不列入|不属于|不包括|不适用|排除在外|除外|移出"),
                      "en": re.compile(r"\b(?:no longer|not) (?:be )?(?:covered|included|subject)|\bexclud(?:ed|es)\b|"
                                       r"\bexempt(?:ed|s)?\b|\bremoved\b", re.IGNORECASE)}
PARTIES_OF = re.compile(r"(?:军工|防务|国防|科技)?(?:实体|企业|公司|单位|机构|个人)")
PROVISION_TYPES = {"Sector", "ChainSegment", "Company", "Organization", "Country", "Instrument"}


def _issuer_in_name(doc: Document, corpus: Corpus, gaz: Gazetteer,
                    by_sentence: dict[int, list[tuple[int, int, Candidate]]]) -> list[Proposal]:
    """A numbered measure whose name opens with its issuer (商务部公告2025年第31号, 海关总署令第5号): the agency
    ENACTED it. Read in the first lines, titles included, where notices name themselves."""
    out: list[Proposal] = []
    issuers: list[Item] = []  # a line of agencies only, above the title (工业和信息化部 财政部 国家税务总局)
    own = _own_measure(doc, corpus, gaz, by_sentence)  # 关于印发《X》的通知: X, which the issuers issue too
    for s in doc.sentences[:6]:
        mentions = corpus.by_sentence.get((doc.id, s.index), [])
        items = sentence_items(s, mentions, gaz, by_sentence.get(s.index, []))
        lang = "zh" if s.language.startswith("zh") else "en"
        rest = s.text
        for i in items:
            rest = rest[:i.start] + " " * (i.end - i.start) + rest[i.end:]
        if items and all(i.type == "Agency" for i in items) and re.fullmatch(r"[\s、,，和及与]*", rest):
            issuers = items
            continue
        for x in items:
            if x.type not in OWN_MEASURE_TYPES:
                continue
            chain, at = [], x.start  # 税委会关于…的公告, 商务部 海关总署公告2025年第18号: the agencies right before it
            for i in reversed([i for i in items if i.end <= x.start]):
                if i.type != "Agency" or not re.fullmatch(r"[\s、,，和及与]*", s.text[i.end:at]):
                    break
                chain.append(i)
                at = i.start
            by = chain or issuers
            for agency in by:
                anchor = agency if agency in items else _elsewhere(agency)
                feats = _features(s, [*items, anchor], anchor, x, "ENACTED", "structure", "structure", lang, [],
                                  {"issuer_line": 1.0})
                out.append(Proposal(anchor, "ENACTED", x, s.doc, s, "structure",
                                    f"structure issuer-line ('{agency.surface}' heads the notice)", feats))
                if own is not None and own.ref != x.ref and ZH_ISSUING_NOTICE.search(x.surface):
                    issued = _elsewhere(own)
                    feats = _features(s, [*items, anchor, issued], anchor, issued, "ENACTED", "structure", "structure",
                                      lang, [], {"issuer_line": 1.0, "issuer_of_issued": 1.0})
                    out.append(Proposal(anchor, "ENACTED", issued, s.doc, s, "structure",
                                        f"structure issuer-line ('{agency.surface}' issues '{own.surface}')", feats))
            if by:
                issuers = []
            if not re.search(r"\d", x.surface):
                continue
            at = x.start  # 商务部 海关总署公告2025年第18号: each issuer that opens the name, in turn
            for m in sorted(mentions, key=lambda m: m.p_start):
                a, b = m.p_start - s.p_start, m.p_end - s.p_start
                ent = gaz.entities[m.entity]
                if ent.type == "Agency" and at <= a and b < x.end and re.fullmatch(r"[\s、]*", s.text[at:a]):
                    at = b
                    issuer = Item(a, b, m.entity, ent.type, ent.name, False, surface=s.text[a:b])
                    feats = _features(s, [*items, issuer], issuer, x, "ENACTED", "structure", "structure", lang, [],
                                      {"issuer_in_name": 1.0})
                    reason = f"structure issuer-in-name ('{issuer.surface}' opens the measure's name)"
                    out.append(Proposal(issuer, "ENACTED", x, s.doc, s, "structure", reason, feats))
    register = register_title(doc)
    if register is not None and own is not None:  # "AGENCY: Bureau of Industry and Security, Department of
        # Commerce.": the first agency named issues the rule its title names
        s = doc.sentences[register[1]]
        items = sentence_items(s, corpus.by_sentence.get((doc.id, s.index), []), gaz, by_sentence.get(s.index, []))
        signer = next((i for i in items if i.type == "Agency"), None)
        if signer is not None:
            issued = _elsewhere(own)
            feats = _features(s, [*items, issued], signer, issued, "ENACTED", "structure", "structure", "en", [],
                              {"register_agency": 1.0})
            out.append(Proposal(signer, "ENACTED", issued, s.doc, s, "structure",
                                f"structure register-agency ('{signer.surface}' on the AGENCY: line)", feats))
    if register is not None and own is not None:
        out += _register_signer(doc, corpus, gaz, by_sentence, own)
    return out


def _register_signer(doc: Document, corpus: Corpus, gaz: Gazetteer,
                     by_sentence: dict[int, list[tuple[int, int, Candidate]]], own: Item) -> list[Proposal]:
    """A Federal Register document ends with its signer: "Andrea M. Gacki," alone on a line, then the post
    ("Director, Office of Foreign Assets Control."). The signer issues the rule; the body the post names is led by
    the signer."""
    out: list[Proposal] = []
    tail = doc.sentences[-8:]
    for k, s in enumerate(tail[:-1]):
        if not s.text.rstrip().endswith(","):
            continue
        items = sentence_items(s, corpus.by_sentence.get((doc.id, s.index), []), gaz, by_sentence.get(s.index, []))
        person = next((i for i in items if i.type == "Person" and not i.anaphor
                       and not s.text[:i.start].strip() and s.text[i.end:].strip() == ","), None)
        post = tail[k + 1]
        if person is None:
            continue
        issued = _elsewhere(own)
        feats = _features(s, [person, issued], person, issued, "ENACTED", "structure", "structure", "en", [],
                          {"register_signer": 1.0})
        out.append(Proposal(person, "ENACTED", issued, s.doc, s, "structure",
                            f"structure register-signer ('{person.surface}' signs the document)", feats))
        bodies = sentence_items(post, corpus.by_sentence.get((doc.id, post.index), []), gaz,
                                by_sentence.get(post.index, []))
        body = next((i for i in bodies if i.type in {"Agency", "Organization"} and not i.anaphor), None)
        if body is not None:
            holder = _elsewhere(person)
            feats = _features(post, [*bodies, holder], body, holder, "LED_BY", "structure", "structure", "en", [],
                              {"register_signer_post": 1.0})
            out.append(Proposal(body, "LED_BY", holder, post.doc, post, "structure",
                                f"structure register-signer (the signer's post names '{body.surface}')", feats))
        break
    return out


# 根据《中华人民共和国矿产资源法》《稀土管理条例》，制定本办法; "pursuant to the Export Control Reform Act of
# 2018 (ECRA) and the International Emergency Economic Powers Act": the laws a legal basis names, one after another
BASIS_JOIN = {"zh": re.compile(r"[\s《》〈〉“”\"、，,和及与以及（）()]*"),
              "en": re.compile(r"(?:[\s,;()]|\band\b|\bthe\b|\bof\b|\bas amended\b)*", re.IGNORECASE)}
BASIS_TYPES = {"Law", "Policy"}


def _legal_basis(s: Sentence, items: list[Item], schema: Schema) -> list[Proposal]:
    """The laws and measures a legal basis names (根据《A》《B》, "pursuant to A and B"), right after it: each
    establishes the document's own measure (the item ``_self_references`` put at the basis's words)."""
    lang = "zh" if s.language.startswith("zh") else "en"
    out = []
    for b in items:
        if not (b.anaphor and LEGAL_BASIS[lang].fullmatch(s.text, b.start, b.end)):
            continue
        at, done = b.end, {b.ref}
        for y in sorted((i for i in items if i.start >= b.end and not i.anaphor), key=lambda i: (i.start, -i.end)):
            if y.start < at:
                continue  # (a name inside the one before)
            if y.type not in BASIS_TYPES or not BASIS_JOIN[lang].fullmatch(s.text, at, y.start):
                break
            at = y.end
            if y.ref in done or not _allowed(schema, "ESTABLISHES", y.type, b.type):
                continue
            done.add(y.ref)
            feats = _features(s, items, y, b, "ESTABLISHES", "structure", "structure", lang, [], {"legal_basis": 1.0})
            out.append(Proposal(y, "ESTABLISHES", b, s.doc, s, "structure",
                                f"structure legal-basis ('{s.text[b.start:b.end]}' names what the document's own "
                                f"measure rests on)", feats))
    return out


def _self_references(s: Sentence, items: list[Item], measure: Item | None) -> list[Item]:
    """本公告, "this rule", and the legal basis of a notice (根据《…》): the document's own measure, as an item."""
    if measure is None or any(i.ref == measure.ref for i in items):
        return []
    lang = "zh" if s.language.startswith("zh") else "en"
    out = []
    for rx in (SELF_REFERENCE[lang], LEGAL_BASIS[lang]):
        for m in rx.finditer(s.text):
            if not any(i.start < m.end() and m.start() < i.end for i in items):
                out.append(Item(m.start(), m.end(), measure.ref, measure.type, measure.name, measure.candidate,
                                anaphor=True, surface=measure.surface))
                break
    return out


# a sentence that announces a list of parties ("… adds the following entities to the Entity List:",
# 决定将以下6家美国实体列入不可靠实体清单：) and the items after it (1. X; (2) Y; 一、Z)
INTRO = re.compile(r"(?:following|below|以下|下列|如下)[^。.;；]*[:：]\s*$|[:：]\s*$", re.IGNORECASE)
INTRO_VERB = re.compile(r"(?<![A-Za-z])(?:add|adding|added|adds|designat\w+|list\w*|plac\w+|sanction\w*|impos\w+)"
                        r"(?![A-Za-z])|列入|纳入|认定|制裁|采取", re.IGNORECASE)
LIST_FIRST = re.compile(r"^\s*(?:\(?1[.)、）]|[（(][1一][)）]|一、)")
LIST_ITEM = re.compile(r"^\s*(?:\(?\d{1,3}[.)、）]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、"
                       r"|[-•*·]|\([a-z]\)\s|[a-z][.)]\s)")  # ("a. Tencent Holdings Ltd. …": a lettered item)


BARE_NUMBER = re.compile(r"\s*(?:\(?\d{1,3}[.)、）]?|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|"
                         r"\(?[a-z][.)])\s*")  # ("a." of a lettered list)


def _introduces_list(s: Sentence, items: list[Item]) -> Item | None:
    """A sentence that adds parties to a named list ("… by adding eight entities to the Entity List",
    决定将以下6家美国实体列入不可靠实体清单：): the list the numbered items after it go on. Not one whose verb is
    only the word List of a name ("identified on the Common High Priority List"), nor one that names the parties
    it adds ("BIS is adding X and Y to the Entity List.") unless it says more follow."""
    text = list(s.text)
    for i in items:
        text[i.start:i.end] = " " * (i.end - i.start)
    if not INTRO_VERB.search("".join(text)):
        return None
    lists = [i for i in items if i.type == "Instrument" and i.is_list]
    if not lists:
        return None
    named = [i for i in items if i.type in GROUPABLE and not i.anaphor and i.end <= lists[-1].start]
    if named and not MORE_FOLLOW.search(s.text):
        return None
    return lists[-1]


# an item's own words that it is not on a list
NOT_LISTED = {"en": re.compile(r"\b(?:not|never)\s+(?:(?:yet|been|being|be|currently)\s+){0,2}(?:added|listed|placed|"
                               r"designated|included)\b", re.IGNORECASE),
              "zh": re.compile(r"(?:未|没有|并未|尚未|不)(?:被)?(?:列入|纳入|认定)")}
# a sentence that says the parties after its colon are (still) on a list it does not name
EN_LISTED_COLON = re.compile(r"\b(?:remain|remains|are|were|stay|stays|is)\s+(?:still\s+|already\s+|also\s+)?"
                             r"(?:listed|designated|on\s+(?:the|that|this)\s+list)\s*[:：]", re.IGNORECASE)
LIST_REACH = 3  # sentences: how far back a list named before "the following entities:" is the one they go on
MORE_FOLLOW = re.compile(r"following|below|as follows|以下|下列|如下|[:：]\s*$", re.IGNORECASE)


# the country of the parties a sentence adds to a list: 以下8家美国实体, "entities located in China"
PARTIES_AFTER = re.compile(r"\s*(?:实体|企业|公司|机构)")
PARTIES_BEFORE = re.compile(r"(?:entities|entries|companies|parties|firms|persons)\s+"
                            r"(?:(?:located|based|headquartered)\s+)?(?:in|from|under\s+the\s+destination\s+of)\s+"
                            r"(?:the\s+)?$", re.IGNORECASE)


def _parties_country(s: Sentence, items: list[Item]) -> Item | None:
    """The one country a list-adding sentence gives its parties (以下8家美国实体, "six entities in China")."""
    found = {i.ref: i for i in items if i.type == "Country" and (
        PARTIES_AFTER.match(s.text, i.end) or PARTIES_BEFORE.search(s.text[max(0, i.start - 60):i.start]))}
    return next(iter(found.values())) if len(found) == 1 else None


_COUNT = r"(?:\d+|[两一二三四五六七八九十]+)"
_EN_COUNT = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)"
GROUP_IS = {
    "zh": re.compile(rf"(?:这|上述|以上|前述|此)(?:些|批)?\s*{_COUNT}?\s*(?:家|个|名)?(?:实体|企业|公司|单位|机构)"
                     r"(?:都|均|大多|大部分|多数|主要|全部|皆|多|也)?(?:是|为|系|属于)(?:一些|多家|一批)?$"),
    "en": re.compile(rf"(?:\b(?:these|those|the|all|both)\s+(?:{_EN_COUNT}\s+)?(?:entities|companies|firms|parties|"
                     rf"entries|contractors)|\ball\s+{_EN_COUNT}|\bboth)\s+(?:are|were)\s+(?:all\s+|mostly\s+|both\s+|"
                     r"largely\s+)?(?:(?:based|located|headquartered)\s+in\s+)?(?:the\s+)?$", re.IGNORECASE)}
GROUP_AFTER = {
    "zh": re.compile(rf"(?:的)?[^，。；、,;]{{0,12}}?(?:{ZH_FIRM}|实体|军工单位)"),
    "en": re.compile(r"(?:'s)?\s+(?:[\w\-]+\s+){0,3}?(?:companies|firms|entities|contractors|makers|manufacturers|"
                     r"suppliers|producers|developers|chipmakers|groups|businesses)\b|\s*[.;,]", re.IGNORECASE)}


# "named five Chinese firms: A, B, …", "the following three Russian entities:"
GROUP_COUNT_BEFORE = re.compile(rf"\b(?:{_EN_COUNT}|several|following|these)\s+(?:more\s+|other\s+|new\s+)?$",
                                re.IGNORECASE)
GROUP_COLON_AFTER = re.compile(r"\s+(?:[\w\-]+\s+){0,2}?(?:companies|firms|entities|contractors|makers|"
                               r"manufacturers|suppliers|chipmakers|businesses|parties)\s*:", re.IGNORECASE)


def _group_country(s: Sentence, items: list[Item]) -> Item | None:
    """The country a sentence says a group of entities it speaks of are from: 这5家实体都是美国防务承包商,
    上述实体大多是美国的…承包商, "These companies are all based in China", "Both are Chinese firms"."""
    lang = "zh" if s.language.startswith("zh") else "en"
    found = {i.ref: i for i in items if i.type == "Country" and not i.anaphor
             and ((GROUP_IS[lang].search(s.text[max(0, i.start - 40):i.start])
                   and GROUP_AFTER[lang].match(s.text, i.end))
                  or (lang == "en" and GROUP_COUNT_BEFORE.search(s.text[max(0, i.start - 30):i.start])
                      and GROUP_COLON_AFTER.match(s.text, i.end)))}
    return next(iter(found.values())) if len(found) == 1 else None


def _address_homes(s: Sentence, items: list[Item], gaz: Gazetteer, pat: Patterns) -> list[Proposal]:
    """A party whose address follows its name ("X Ltd., Shenyang;", "Y FZE, Dubai, which …") is of that place's
    country, when the sentence names the country too (the document's naming of it: _document_homes)."""
    homes = _home_map(gaz)
    lang = "zh" if s.language.startswith("zh") else "en"
    out = []
    for x in items:
        if x.type not in {"Company", "Organization"} or x.anaphor:
            continue
        code = pat.address_home(s.text[x.end:])
        based = BASED_AFTER.match(s.text, x.end) or BASED_BEFORE.search(s.text, 0, x.start) if code is None else None
        code = pat.place_home(based.group(1)) if based is not None else code
        ref = homes.get(f"iso:{code}") if code else None
        country = next((i for i in items if i.ref == ref and not i.anaphor), None) if ref else None
        if country is None:
            continue
        feats = _features(s, items, x, country, "BELONGS_TO", "structure", "structure", lang, [],
                          {"address_country": 1.0})
        out.append(Proposal(x, "BELONGS_TO", country, s.doc, s, "structure",
                            f"structure address-country ({'its seat' if based else 'its address after its name'} "
                            f"is a place in {country.surface or country.name})", feats))
    return out


ZH_PARENT_END = "部院委局署办会"
EN_PARENT_OF = re.compile(r"^(.+?)\s+of\s+the\s+(.+)$")


EN_MEASURE_OF = re.compile(r"\s(?:into|of|on)\s+(?:(?:imports?|exports?|sales|shipments)\s+of\s+)?(?:the\s+)?(.+)$")
ZH_PROBE_END = re.compile(r"(?:反倾销|反补贴|反垄断|反规避|保障措施)(?:调查|税)$")


def _inside_name(s: Sentence, items: list[Item], x: Item, rel: str, anchor: Item, feature: str,
                 reason: str) -> Proposal:
    """A structure proposal from ``x`` to a name its own name holds (``anchor``, a pointer into ``x``)."""
    lang = "zh" if s.language.startswith("zh") else "en"
    feats = _features(s, [*items, anchor], x, anchor, rel, "structure", "structure", lang, [], {feature: 1.0})
    return Proposal(x, rel, anchor, s.doc, s, "structure", reason, feats)


def _written(items: list[Item], types: set[str]) -> list[tuple[Item, str]]:
    """The names of these types a sentence writes out (not anaphors), each with its words as written."""
    return [(x, x.surface.strip()) for x in items if x.type in types and not x.anaphor and x.surface]


# "Amkor Technology ($407 million, for an advanced packaging and test facility …)": an award's sum and what it is for
FUNDED_FOR = re.compile(r"\.?\s*[(（]\s*(?:US)?[$€£¥][\d.,]+\s*(?:million|billion|bn|m)?\s*,\s*for\s+"
                        r"(?:an?\s+|its\s+|the\s+)?")


def _funded_for(s: Sentence, items: list[Item], schema: Schema) -> list[Proposal]:
    """A firm with the sum it was awarded in brackets and what for (a fab, a line, a plant of a field): the firm
    works in the field named first after "for"."""
    out: list[Proposal] = []
    for x in items:
        m = FUNDED_FOR.match(s.text, x.end) if x.type == "Company" and not x.anaphor else None
        if m is None:
            continue
        close = s.text.find(")", m.end())
        field = next((i for i in items if i.type in {"Sector", "ChainSegment"} and i.start == m.end()
                      and (close < 0 or i.end <= close)), None)
        if field is not None and _allowed(schema, "OPERATES_IN", "Company", field.type):
            feats = _features(s, items, x, field, "OPERATES_IN", "structure", "structure", "en", [],
                              {"funded_for": 1.0})
            out.append(Proposal(x, "OPERATES_IN", field, s.doc, s, "structure",
                                "structure funded-for (the sum awarded to it, and what for)", feats))
    return out


def _name_goods(s: Sentence, items: list[Item], gaz: Gazetteer, schema: Schema) -> list[Proposal]:
    """A measure whose name says what it looks into ("anti-dumping probe into brandy", "Section 232 investigation of
    processed critical minerals", 模拟芯片反倾销调查) concerns the known goods its name holds (the longest known
    tail of what follows into/of; the longest known head of what comes before 反倾销调查)."""
    lang = "zh" if s.language.startswith("zh") else "en"
    out = []
    for x, text in _written(items, {"Policy", "Instrument"}):
        parts: list[tuple[int, list[str]]] = []  # (where a part starts in the name, its tails)
        if lang == "en":
            m = EN_MEASURE_OF.search(text)
            # each of the goods a list names: the longest known tail of each part
            at = m.start(1) if m else 0
            for part in GOODS_JOIN.split(m.group(1)) if m else []:  # "… on gallium, germanium and antimony"
                at = text.find(part, at)
                words = part.split()
                parts.append((at, [" ".join(words[k:]) for k in range(len(words))]))
                at += len(part)
        elif (m := ZH_PROBE_END.search(text)) is not None:
            rest = text[:m.start()]
            parts = [(0, [rest[k:] for k in range(len(rest) - 1)])]
        elif (g := ZH_GOODS_MEASURE.search(text)) is not None and g.end() == len(text):
            # 镓、锗相关物项出口管制, 镓锗出口禁令: each of the goods before the measure's words
            for pm in ZH_GOODS_PART.finditer(text, 0, g.start()):
                begin, part = pm.start(), pm.group(0)
                if LIST_ONLY_CHARS.issuperset(part):
                    parts += [(begin + k, [c]) for k, c in enumerate(part)]
                else:
                    parts.append((begin, [part[k:] for k in range(len(part))]))
        for begin, tries in parts:
            for name in tries:
                goods = next((e for e in gaz.lookup(name) if e.type in {"Sector", "ChainSegment"}), None)
                if goods is None or not _allowed(schema, "CONCERNS", x.type, goods.type):
                    continue
                at = x.start + text.find(name, begin)
                anchor = Item(at, at + len(name), goods.id, goods.type, goods.name, False, True, name)
                out.append(_inside_name(s, items, x, "CONCERNS", anchor, "name_goods",
                                        f"structure name-goods (the name '{text}' holds '{name}')"))
                break
    return out


def _name_fields(s: Sentence, items: list[Item], mentions: list[Any], gaz: Gazetteer, schema: Schema,
                 done: set[tuple[str, str]]) -> list[Proposal]:
    """A new measure's name that holds a known field (《国家汽车芯片标准体系建设指南》, 《上海市加快集成电路…若干措施》,
    "the Advanced Quartz Manufacturing Equipment Regulation"): the measure concerns it. Only names a title or a
    head made (their inner known names are no items of the sentence); those _name_goods read are not read twice."""
    out = []
    for x in items:
        if not x.candidate or x.anaphor or x.type not in MEASURES:
            continue
        for m in mentions:
            a, b = m.p_start - s.p_start, m.p_end - s.p_start
            goods = gaz.entities[m.entity]
            if not (x.start <= a and b <= x.end) or goods.type not in FIELD_ITEMS \
                    or (x.ref, goods.id) in done or not _allowed(schema, "CONCERNS", x.type, goods.type):
                continue
            done.add((x.ref, goods.id))
            anchor = Item(a, b, goods.id, goods.type, goods.name, False, True, s.text[a:b])
            out.append(_inside_name(s, items, x, "CONCERNS", anchor, "name_field",
                                    f"structure name-field (the name '{x.surface.strip()}' holds '{s.text[a:b]}')"))
    return out


ZH_GOODS_PART = re.compile(r"(?:(?!、|以及|和|及|与).)+")  # the goods of a list, between its joins


# "Secretary of Energy Jennifer M. Granholm", "Minister for Trade X": a title that names a remit, right before a person
OFFICE_BEFORE = re.compile(r"(?<![\w\-])(?<!Deputy\s)(?<!Assistant\s)(?<!Vice\s)(?<!Under\s)(?<!Associate\s)"
                           r"(?:Acting\s+)?(Secretary|Minister)\s+(of|for)\s+(?:the\s+)?"
                           r"((?:[A-Z][\w\-]*,?\s+(?:and\s+|&\s+)?){1,5}?)$")
# "Marco Rubio, Secretary of State and acting …": the title after the name
OFFICE_AFTER = re.compile(r"\s*,\s*(?:the\s+)?(?:then-|former\s+)?(?:U\.S\.\s+)?(?:Acting\s+)?(Secretary|Minister)\s+"
                          r"(of|for)\s+(?:the\s+)?((?:[A-Z][\w\-]*)(?:,?\s+(?:and\s+|&\s+)?[A-Z][\w\-]*){0,4})")
TITLE_AT = re.compile(r"\s+(?:at|in)\s+(?:the\s+)?(?=[A-Z])")
OFFICE_BODIES = {"Secretary": ("Department of {}", "Department of the {}", "{} Department"),
                 "Minister": ("Ministry of {}", "Ministry for {}", "Ministry of the {}", "{} Ministry")}


def _office_holders(s: Sentence, items: list[Item], gaz: Gazetteer, schema: Schema) -> list[Proposal]:
    """A person after a title that names a remit ("Secretary of Energy Jennifer M. Granholm", "Minister for Trade
    X") heads the one known body of that remit (the Department of Energy, the Ministry of Trade): the title says so,
    whatever the sentence goes on to say."""
    if s.language.startswith("zh"):
        return []
    out = []
    for x in items:
        if x.type != "Person" or x.anaphor:
            continue
        m = OFFICE_BEFORE.search(s.text, 0, x.start) if x.start > 0 else None
        after = OFFICE_AFTER.match(s.text, x.end) if m is None else None
        if m is None and after is None:
            continue
        found = m or after
        assert found is not None
        at_body = TITLE_AT.match(s.text, found.end()) if after is not None else None
        named = next((i for i in items if at_body is not None and i.start == at_body.end() and i.type == "Agency"
                      and not i.anaphor), None)
        if named is not None:
            # "Kwasi Kwarteng, Secretary of State at the Department for Business, …": the body the title is held at
            # (not the one its words name elsewhere)
            if _allowed(schema, "LED_BY", named.type, x.type):
                feats = _features(s, items, named, x, "LED_BY", "structure", "structure", "en", [],
                                  {"office_title_at": 1.0})
                title = s.text[found.start(1):found.end()].strip()
                out.append(Proposal(named, "LED_BY", x, s.doc, s, "structure",
                                    f"structure office-title-at (the title '{title}' held at {named.surface})",
                                    feats))
            continue
        words = found.group(3).strip().split()
        # the remit as written, or (after the name, where more capitalised words may follow) its first words
        remits = [" ".join(words)] if m is not None else [" ".join(words[:k]) for k in range(len(words), 0, -1)]
        body = None
        for remit in remits:
            bodies = {e.id: e for form in OFFICE_BODIES[found.group(1)] for e in gaz.lookup(form.format(remit))
                      if e.type == "Agency"}
            if len(bodies) == 1:
                body = next(iter(bodies.values()))
                break
        if body is None:
            continue
        lo, hi = (found.start(), x.start) if m is not None else (x.end, found.end())
        if any(i.ref == body.id and lo <= i.start and i.end <= hi for i in items) or \
                not _allowed(schema, "LED_BY", body.type, x.type):
            continue  # "Secretary of the Treasury X": the body is named in the title (en-title-of-head)
        start = found.start(1) if m is None else found.start()
        title = s.text[start:found.end()].strip()
        anchor = Item(start, start + len(title), body.id, body.type, body.name, False, True, title)
        feats = _features(s, [*items, anchor], anchor, x, "LED_BY", "structure", "structure", "en", [],
                          {"office_title": 1.0})
        out.append(Proposal(anchor, "LED_BY", x, s.doc, s, "structure",
                            f"structure office-title (the title '{title}' names {body.name}'s remit)", feats))
    return out


def _name_parents(s: Sentence, items: list[Item], gaz: Gazetteer, schema: Schema,
                  governments: dict[str, Item] | None = None) -> list[Proposal]:
    """A body whose name as written opens with another body's name (国务院关税税则委员会: 国务院; 商务部产业安全局:
    商务部) or ends with it ("Customs Tariff Commission of the State Council") is part of that body: the name
    says so, whatever the sentence says. A place's agency (合肥市发展和改革委员会) is part of that place's
    government when the document has named it (合肥市人民政府)."""
    lang = "zh" if s.language.startswith("zh") else "en"
    out = []
    for x, text in _written(items, {"Agency", "Organization"}):
        place = next((p for p in (governments or {}) if text.startswith(p) and not text.endswith("人民政府")), None)
        if place is not None and governments is not None:
            gov = governments[place]
            anchor = Item(x.start, x.start + len(place), gov.ref, gov.type, gov.name, gov.candidate, True,
                          gov.surface)
            out.append(_inside_name(s, items, x, "PART_OF", anchor, "name_parent",
                                    f"structure place-government (the name '{text}' opens with '{place}', whose "
                                    f"government the document names)"))
            continue
        heads: list[str] = []
        if lang == "zh":
            heads = [text[:k] for k in range(len(text) - 2, 1, -1) if text[k - 1] in ZH_PARENT_END]
        else:
            m = EN_PARENT_OF.match(text)
            heads = [m.group(2)] if m and m.group(2)[:1].isupper() else []
        for head in heads:
            known = gaz.lookup(head)
            parent = next((e for e in known if e.type in {"Agency", "Organization"}), None)
            if parent is None or any(e.id == x.ref for e in known) or \
                    not _allowed(schema, "PART_OF", x.type, parent.type):
                continue
            anchor = Item(x.start, x.start + len(head), parent.id, parent.type, parent.name, False, True, head)
            out.append(_inside_name(s, items, x, "PART_OF", anchor, "name_parent",
                                    f"structure name-parent (the name '{text}' holds '{head}')"))
            break
    for x, text in _written(items, {"Company"}):
        # "TSMC Arizona", "Intel Foundry": a new firm whose name opens with a known firm's name is that firm's unit
        if not x.candidate:
            continue
        words = text.split()
        heads = [" ".join(words[:k]) for k in range(len(words) - 1, 0, -1)] if len(words) > 1 else \
            [text[:k] for k in range(len(text) - 2, 1, -1)] if HAN.match(text) else []
        for head in heads:
            parent = next((e for e in gaz.lookup(head) if e.type == "Company"), None)
            if parent is None or not _allowed(schema, "PART_OF", x.type, parent.type):
                continue
            anchor = Item(x.start, x.start + len(head), parent.id, parent.type, parent.name, False, True, head)
            out.append(_inside_name(s, items, x, "PART_OF", anchor, "name_parent",
                                    f"structure name-parent (the firm '{text}' opens with '{head}')"))
            break
    return out


def _destination_item(s: Sentence, items: list[Item], country: Item, feature: str, reason: str,
                      every: bool = False) -> list[Proposal]:
    """A party listed under a destination line ("China", "Hong Kong"), or under a sentence that says where the
    parties it adds are from (以下8家美国实体), belongs to that country: the item's first name, or (``every``, in
    prose) each company the sentence names."""
    lang = "zh" if s.language.startswith("zh") else "en"
    anchor = _elsewhere(country)
    out = []
    for x in items if every else items[:1]:
        if x.ref == country.ref:
            continue
        if x.type not in {"Company", "Organization"} or x.anaphor:
            continue
        feats = _features(s, [*items, anchor], x, anchor, "BELONGS_TO", "structure", "structure", lang, [],
                          {feature: 1.0})
        out.append(Proposal(x, "BELONGS_TO", anchor, s.doc, s, "structure", reason, feats))
    return out


def _list_item(s: Sentence, items: list[Item], intro: tuple[Sentence, Item], pat: Patterns,
               rejected: list[str]) -> list[Proposal]:
    """Each party named in an item under a list-announcing sentence is on that list."""
    the_list = intro[1]
    anchor = _elsewhere(the_list)
    reason = f"structure list-item (an item under '{intro[0].text[-40:].strip()}')"
    lang = "zh" if s.language.startswith("zh") else "en"
    out: list[Proposal] = []
    parties = [i for i in items if i.type in LISTABLE and not i.anaphor]
    listed = parties[:1]
    if listed and any(g.end() == listed[0].start for g in GROUP_OF.finditer(s.text, 0, listed[0].start)) \
            and (colon := re.search(r"[:：]", s.text[listed[0].end:])) is not None:
        # "1. Three subsidiaries of X (Sugon), which …: A, B, and C": A, B and C are listed, not their parent
        listed = [i for i in parties if i.start >= listed[0].end + colon.end()]
    elif listed:
        # "3. A Co., Ltd. (A) and B Co., Ltd. (B), designers of AI chips": each name of the item's first list
        listed = [i for i in _list_members(s.text, listed[0], items) if i.start >= listed[0].start]
    for x in listed:
        if (cue := NOT_LISTED[lang].search(s.text, x.end)) is not None:
            # "- 中微公司、华海清科…均未被列入实体清单", "X has not been added": the item says it is not on a list (not
            # any "not" of an item: "Reason: did not respond to …" keeps the party listed)
            rejected.append(f"{s.doc}@{s.start}: {x.name} -[LISTED_ON]-> {the_list.name}: negation "
                            f"{cue.group(0)!r} in the item")
            continue
        out += _on_list(s, items, x, anchor, [(x.start, x.end)], "list_item", reason, pat, rejected)
    return out


# "three subsidiaries of", "two affiliates of the", "its units of": the names after it are the group's parent
GROUP_OF = re.compile(r"\b(?:subsidiar(?:y|ies)|affiliates?|units?|branch(?:es)?)\s+of\s+(?:the\s+)?", re.IGNORECASE)


def _group_parent(s: Sentence, items: list[Item], schema: Schema) -> list[Proposal]:
    """"Three subsidiaries of X (Sugon), which BIS added …: A, B, and C": each name after the colon is X's
    affiliate."""
    lang = "zh" if s.language.startswith("zh") else "en"
    out: list[Proposal] = []
    for m in GROUP_OF.finditer(s.text):
        parent = next((i for i in items if i.start == m.end() and i.type in {"Company", "Organization"}
                       and not i.anaphor), None)
        colon = re.search(r"[:：]", s.text[m.end():]) if parent is not None else None
        if parent is None or colon is None:
            continue
        at = m.end() + colon.end()
        for x in [i for i in items if i.start >= at and i.type in LISTABLE and not i.anaphor and i.ref != parent.ref]:
            if _allowed(schema, "AFFILIATE_OF", x.type, parent.type):
                feats = _features(s, items, x, parent, "AFFILIATE_OF", "structure", "structure", lang, [],
                                  {"group_parent": 1.0})
                out.append(Proposal(x, "AFFILIATE_OF", parent, s.doc, s, "structure",
                                    f"structure group-parent (named after '{m.group(0).strip()} "
                                    f"{parent.surface} …:')", feats))
    return out


# "X, Jinko's Malaysian unit": the words after the parent's possessive, with the unit's country in between
POSSESSIVE_UNIT = re.compile(r"['’]s\s+(?:([A-Z][\w\-]+)\s+)?(?:unit|subsidiary|affiliate|arm|branch)\b")


# "its wholly owned subsidiary", "Its Malaysian unit", "its chip-design subsidiary" right before a firm's name
EN_ITS_UNIT_BEFORE = re.compile(r"\b[Ii]ts\s+(?:(?:wholly|majority|fully)[- ]owned\s+|[\w.\-]+\s+){0,2}"
                                r"(?:subsidiary|unit|affiliate|arm|division)\s*,?\s+$")


def _its_unit(s: Sentence, items: list[Item], schema: Schema, before: tuple[Sentence, Item] | None
              ) -> list[Proposal]:
    """"SMIC … was listed in December 2020; its wholly owned subsidiary X …", "… (TSMC) leads … Its subsidiary
    TSMC Arizona Corporation began …": the firm after "its subsidiary" is an affiliate of the firm the clause is
    about, the sentence's first firm (or, when the sentence opens with it, the previous sentence's)."""
    if s.language.startswith("zh"):
        return []
    out: list[Proposal] = []
    for y in items:
        m = EN_ITS_UNIT_BEFORE.search(s.text, max(0, y.start - 60), y.start) if y.type == "Company" else None
        if m is None or y.anaphor:
            continue
        here = [i for i in items if i.type == "Company" and not i.anaphor and i.end <= m.start()]
        owner = here[0] if here else before[1] if before is not None and not s.text[:m.start()].strip() else None
        if owner is None or owner.ref == y.ref or not _allowed(schema, "AFFILIATE_OF", y.type, owner.type):
            continue
        anchor = owner if here else _elsewhere(owner)
        feats = _features(s, [*items, anchor] if not here else items, y, anchor, "AFFILIATE_OF", "structure",
                          "structure", "en", [], {"its_unit": 1.0, f"its_unit_here={bool(here)}": 1.0})
        out.append(Proposal(y, "AFFILIATE_OF", anchor, s.doc, s, "structure",
                            f"structure its-unit ('{m.group(0).strip()}' of {owner.surface or owner.name})", feats))
    return out


def _possessive_unit(s: Sentence, items: list[Item], schema: Schema) -> list[Proposal]:
    """"Jinko Solar Technology Sdn. Bhd., Jinko's Malaysian unit": the firm before the apposition is the parent's
    affiliate, and (when the word before "unit" names a country) that country's."""
    if s.language.startswith("zh"):
        return []
    out: list[Proposal] = []
    for k, parent in enumerate(items):
        m = POSSESSIVE_UNIT.match(s.text, parent.end)
        if m is None or parent.anaphor or parent.type not in {"Company", "Organization"} or k == 0:
            continue
        x = items[k - 1]
        if x.anaphor or x.type != "Company" or not re.fullmatch(r"\.?\s*,\s*", s.text[x.end:parent.start]):
            continue
        if _allowed(schema, "AFFILIATE_OF", x.type, parent.type):
            feats = _features(s, items, x, parent, "AFFILIATE_OF", "structure", "structure", "en", [],
                              {"possessive_unit": 1.0})
            out.append(Proposal(x, "AFFILIATE_OF", parent, s.doc, s, "structure",
                                f"structure possessive-unit ('{s.text[parent.start:m.end()]}')", feats))
        country = next((i for i in items if i.type == "Country" and m.start(1) <= i.start and i.end <= m.end(1)),
                       None) if m.group(1) else None
        if country is not None:
            feats = _features(s, items, x, country, "BELONGS_TO", "structure", "structure", "en", [],
                              {"possessive_unit_country": 1.0})
            out.append(Proposal(x, "BELONGS_TO", country, s.doc, s, "structure",
                                f"structure possessive-unit ('{m.group(1)} unit')", feats))
    return out


def _on_list(s: Sentence, items: list[Item], x: Item, the_list: Item, spans: list[tuple[int, int]], feature: str,
             reason: str, pat: Patterns, rejected: list[str]) -> list[Proposal]:
    """X LISTED_ON a list named elsewhere (``the_list`` stands at the words that point to it), unless the
    words at ``spans`` negate or contrast it."""
    lang = "zh" if s.language.startswith("zh") else "en"
    block = pat.block_reason(s.text, spans, lang)
    if block is not None:
        rejected.append(f"{s.doc}@{s.start}: {x.name} -[LISTED_ON]-> {the_list.name}: {block}")
        return []
    feats = _features(s, [*items, the_list], x, the_list, "LISTED_ON", "structure", "structure", lang, [],
                      {feature: 1.0})
    return [Proposal(x, "LISTED_ON", the_list, s.doc, s, "structure", reason, feats)]


def _window(doc: Document, first: Sentence, last: Sentence, items: list[Item]) -> tuple[Sentence, list[Item]]:
    """The text from ``first`` to ``last`` (one paragraph) as one sentence; ``items`` of ``last`` moved into it."""
    para = doc.paragraph(first.paragraph)
    shift = last.p_start - first.p_start
    w = Sentence(first.doc, first.paragraph, first.section, last.index, first.p_start, last.p_end, first.start,
                 last.end, para.spans(first.p_start, last.p_end), para.text[first.p_start:last.p_end], "window",
                 last.language)
    return w, [Item(i.start + shift, i.end + shift, i.ref, i.type, i.name, i.candidate, i.anaphor, i.surface)
               for i in items]


DESIGNATORS = {"Agency", "Country", "Administration"}
DESIGNATE = {"en": re.compile(r"(?<![A-Za-z])(?:designat(?:ed|es|ing|e)|sanction(?:ed|s|ing)?|blacklist(?:ed|s|ing)?)"
                              r"(?![A-Za-z])", re.IGNORECASE),
             "zh": re.compile(r"制裁|反制")}
ZH_PASSIVE = re.compile(r"被(?:[\u4e00-\u9fff]{0,6}?)?$")


def _designator(s: Sentence, own: list[Item]) -> Item | None:
    """The actor of an active designating sentence: the last agency, country or administration before the verb,
    in its clause ("OFAC today designated four companies", 外交部决定对…采取反制措施)."""
    lang = "zh" if s.language.startswith("zh") else "en"
    for m in DESIGNATE[lang].finditer(s.text):
        before = s.text[max(0, m.start() - 24):m.start()]
        if PASSIVE_BEFORE.search(before) if lang == "en" else ZH_PASSIVE.search(before):
            continue
        c0, _ = clause(s.text, m.start(), m.end())
        agents = [i for i in own if i.type in DESIGNATORS and c0 <= i.start and i.end <= m.start()]
        if agents:
            return agents[-1]
    return None


COLON_ITEM_TYPES = {"Sector", "ChainSegment", "Company", "Organization"}
COLON_AGENTS = {"Agency", "Administration"}
LONGER_NAME = re.compile(r"[ ]+[A-Z][a-z]")
COLON_CUES = ("SUPPORTS", "TARGETS", "SANCTIONS", "REVIEWS")
POSSESSIVE_AFTER = re.compile(r"['’]s?\b")


def _intro_cue(s: Sentence, items: list[Item], pat: Patterns) -> str | None:
    """The first relation word of a sentence outside its names, among those an actor has with a listed firm."""
    lang = "zh" if s.language.startswith("zh") else "en"
    named = [(i.start, i.end) for i in items if i.end > i.start]
    best: tuple[int, str] | None = None
    for rel in COLON_CUES:
        rx = pat.triggers.get(rel, {}).get(lang)
        for m in rx.finditer(s.text) if rx is not None else ():
            if not any(a < m.end() and m.start() < b for a, b in named) and (best is None or m.start() < best[0]):
                best = (m.start(), rel)
                break
    return best[1] if best else None


def _colon_item(s: Sentence, items: list[Item], measure: Item, schema: Schema,
                prior: dict[tuple[str, str], tuple[str, bool]], cue: str | None = None) -> list[Proposal]:
    """An item under a sentence that names one measure and ends in a colon ("the tariffs will rise as follows:"
    … "(a) electric vehicles: from 25 percent …"): the item's first name, before its own colon, relates to the
    measure by the usual relation of their types, marked so that the scorer weighs this reading on its own."""
    lang = "zh" if s.language.startswith("zh") else "en"
    colon = re.search(r"[:：]", s.text)
    head = [i for i in items if i.type in COLON_ITEM_TYPES and not i.anaphor
            and (colon is None or i.end <= colon.start())]
    if not head or head[0].ref == measure.ref or LONGER_NAME.match(s.text, head[0].end):
        return []  # (a known name that opens a longer one, "TSMC Arizona", is not the item's party)
    x = head[0]
    anchor = _elsewhere(measure)
    out = []
    readings = [(cue, True)] if cue is not None else _readings(prior, measure.type, x.type)[:1]
    for rel, forward in readings:
        src, dst = (anchor, x) if forward else (x, anchor)
        if not _allowed(schema, rel, src.type, dst.type):
            continue
        feats = _features(s, [*items, anchor], src, dst, rel, "structure", "structure", lang, [],
                          {"colon_item": 1.0, f"colon_item_rel={rel}": 1.0, f"colon_agent={cue is not None}": 1.0})
        out.append(Proposal(src, rel, dst, s.doc, s, "structure",
                            f"structure colon-item (an item under '{measure.surface}')", feats))
    return out


def _designated(s: Sentence, items: list[Item], designator: Item, pat: Patterns, rejected: list[str],
                item: str = "") -> list[Proposal]:
    """A party designated with no actor named ("X is being designated pursuant to E.O. 14024", an item under
    "The following persons were designated:"): the document's designator SANCTIONS it."""
    lang = "zh" if s.language.startswith("zh") else "en"
    if item:  # a numbered item: its first name (the list it goes on, if any, is a feature)
        parties, spans = [i for i in items if i.type in LISTABLE - {"Agency"} and not i.anaphor][:1], []
    elif any(i.type in DESIGNATORS and not i.anaphor for i in items):
        return []
    else:
        verb = DESIGNATE[lang].search(s.text)
        before = s.text[max(0, verb.start() - 24):verb.start()] if verb else ""
        if verb is None or not (PASSIVE_BEFORE.search(before) if lang == "en" else ZH_PASSIVE.search(before)):
            return []
        parties = [i for i in items if i.type in LISTABLE - {"Agency"} and i.end <= verb.start()]
        spans = [(min(i.start for i in parties), verb.end())] if parties else []
    if spans:
        block = pat.block_reason(s.text, spans, lang)
        if block is not None:
            rejected += [f"{s.doc}@{s.start}: {designator.name} -[SANCTIONS]-> {x.name}: {block}" for x in parties]
            return []
    anchor = _elsewhere(designator)
    out = []
    for x in parties:
        feats = _features(s, [*items, anchor], anchor, x, "SANCTIONS", "structure", "structure", lang, [],
                          {"implicit_designator": 1.0, f"designator_item={bool(item)}": 1.0,
                           f"designator_list={item}": 1.0})
        out.append(Proposal(anchor, "SANCTIONS", x, s.doc, s, "structure",
                            f"structure implicit-designator (a party '{designator.surface}' designates or lists)",
                            feats))
    return out


# a sanctions list's entry: its programme tags in square brackets ("[NPWMD] [IFSR]", "[RUSSIA-EO14024]")
LIST_ENTRY_TAG = re.compile(r"\[(?:[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)\]")
ANNEX_DESIGNATIONS = re.compile(r"(?<![A-Za-z])(?:DESIGNATIONS|Designations)(?![A-Za-z])")
LINKED_TO = re.compile(r"Linked To:\s*")
NATIONALITY = re.compile(r"(?<![A-Za-z])(?:nationality|citizen)\s+")
ENTITY_LISTS = frozenset({"instrument:entity-list"})  # the gazetteer's Entity List
ALIAS_LINE = ("—", "–", "-")  # an alias of the entry above, on a line of its own
ENTRY_REACH = 6  # sentences from an entry's name to its licence requirement (its aliases and address between)
# the licence requirement and review policy that close an Entity List entry
EAR_ENTRY = re.compile(r"(?:^|[.;]\s+)For all items subject to the EAR\b")
SDN_LISTS = frozenset({"instrument:specially-designated-nationals"})  # the gazetteer's SDN List


def _list_entry(s: Sentence, items: list[Item], schema: Schema, pat: Patterns, rejected: list[str],
                sdn_list: Item | None) -> list[Proposal]:
    """An entry of a sanctions list, as OFAC writes them ("2. KAIYUAN ELECTRONICS (HK) LIMITED, Unit 1502, …, Hong
    Kong, China; … [NPWMD] [IFSR] (Linked To: SHENZHEN KAIYUAN …).", "CHEN, Zhiqiang …; nationality China; …
    (individual) [NPWMD]"): the entry's party is on the SDN List (when the document names it), is an affiliate
    of the firms it is linked to, and is of the country of its nationality."""
    lang = "zh" if s.language.startswith("zh") else "en"
    head = [i for i in items if i.type in LISTABLE - {"Agency"} and not i.anaphor]
    cut = min([k for k in (s.text.find(","), s.text.find("(")) if k >= 0], default=len(s.text))
    if not head or head[0].start > cut:
        return []
    party = head[0]
    out: list[Proposal] = []
    if sdn_list is not None:
        out += _on_list(s, items, party, _elsewhere(sdn_list), [(party.start, party.end)], "list_entry",
                        "structure list-entry (a sanctions list's entry, with its programme tags)", pat, rejected)
    for m in LINKED_TO.finditer(s.text):
        depth, end = 0, len(s.text)
        for k in range(m.end(), len(s.text)):
            ch = s.text[k]
            if ch == "(":
                depth += 1
            elif ch in ");" and depth == 0:
                end = k
                break
            elif ch == ")":
                depth -= 1
        linked = [i for i in items if m.end() <= i.start and i.end <= end and i.ref != party.ref and not i.anaphor]
        if linked and _allowed(schema, "AFFILIATE_OF", party.type, linked[0].type):
            feats = _features(s, items, party, linked[0], "AFFILIATE_OF", "structure", "structure", lang, [],
                              {"list_entry_linked": 1.0})
            out.append(Proposal(party, "AFFILIATE_OF", linked[0], s.doc, s, "structure",
                                "structure list-entry (the entry is 'Linked To' it)", feats))
    for m in NATIONALITY.finditer(s.text):
        home = [i for i in items if i.start == m.end() and i.type == "Country"]
        if home and _allowed(schema, "BELONGS_TO", party.type, "Country"):
            feats = _features(s, items, party, home[0], "BELONGS_TO", "structure", "structure", lang, [],
                              {"list_entry_nationality": 1.0})
            out.append(Proposal(party, "BELONGS_TO", home[0], s.doc, s, "structure",
                                "structure list-entry (its nationality)", feats))
    return out


QUESTION = re.compile(r"^\s*(?:问|记者问|Q(?:uestion)?)\s*[:：]", re.IGNORECASE)
ANSWER = re.compile(r"^\s*(?:答|A(?:nswer)?)\s*[:：]", re.IGNORECASE)
ANSWER_RELATIONS = ("OPPOSES", "RESPONDS_TO")
ANSWERERS = {"Country", "Agency", "Person", "Organization"}


def _answer(s: Sentence, own: list[Item], asked: list[Item], pat: Patterns, schema: Schema,
            rejected: list[str]) -> list[Proposal]:
    """An answer's actor opposes (or responds to) what the question named when the answer's relation word has
    no object of its own in its clause (中方对此坚决反对, "China firmly opposes this")."""
    lang = "zh" if s.language.startswith("zh") else "en"
    out: list[Proposal] = []
    for rel in ANSWER_RELATIONS:
        rx = pat.triggers.get(rel, {}).get(lang)
        for t in rx.finditer(s.text) if rx is not None else ():
            c0, c1 = clause(s.text, t.start(), t.end())
            if any(i.type in MEASURES and c0 <= i.start < c1 for i in own):
                continue  # the clause names what it opposes
            actors = [i for i in own if c0 <= i.start and i.end <= t.start() and i.type in ANSWERERS
                      and s.text[max(0, i.start - 1):i.start] != "对"]  # 对美国…采取反制措施: 美国 is the object
            block = pat.block_reason(s.text, [(c0, t.end())], lang)
            for x in actors[-1:]:
                for m in {i.ref: i for i in asked}.values():
                    if not _allowed(schema, rel, x.type, m.type):
                        continue
                    if block is not None:
                        rejected.append(f"{s.doc}@{s.start}: {x.name} -[{rel}]-> {m.name}: {block}")
                        continue
                    anchor = _elsewhere(m)
                    feats = _features(s, [*own, anchor], x, anchor, rel, "structure", "structure", lang, [],
                                      {"qa_answer": 1.0, f"qa_answer={rel}": 1.0})
                    out.append(Proposal(x, rel, anchor, s.doc, s, "structure",
                                        f"structure qa-answer ('{t.group(0)}' what the question named)", feats))
    return out


# a table's row: a Markdown one ("| a | b |"), or cells between full-width bars (序号｜名称｜领域; candidates)
TABLE_ROW = re.compile(r"^\s*\||^[^｜|\n]+(?:｜[^｜|\n]*){2,}$")
TABLE_COLUMNS = {r"客户|customers?|clients?|buyers?": ("SUPPLIES", {"Company", "Country"}),
                 r"环节|领域|业务|产品|主营|sectors?|segments?|business|products?|industry": (
                     "OPERATES_IN", {"Sector", "ChainSegment", "IndustryChain"})}
ROW_NUMBER = re.compile(r"\s*(?:No\.\s*)?[(（]?\d{1,4}[.．、)）]?\s*")
TABLE_FIRMS = re.compile(r"企业|公司|厂商|firms?|compan(?:y|ies)|makers?|players?", re.IGNORECASE)
# a name in a list column followed by its own listing: 海思2019年列入, "SMIC (listed 2020)"
TABLE_NAMED_YES = re.compile(r"\s*[（(]?\s*(?:于|在)?\s*"
                             r"(?:\d{4}\s*年?(?:\d{1,2}月)?|(?:in\s+)?(?:[A-Z][a-z]+\s+)?\d{4})?\s*"
                             r"(?:被|已被|已)?(?:列入|纳入|added|listed)", re.IGNORECASE)
TABLE_YES = re.compile(r"\s*(?:yes\b|listed\b|是|已列入|已被列入|已纳入|√|✓|✔)", re.IGNORECASE)


def _cells(text: str) -> list[tuple[int, int]]:
    bars = [k for k, ch in enumerate(text) if ch in "|｜"]
    if bars and not text.lstrip().startswith("|"):  # 1｜洛克希德…｜导弹: no bar at either end
        bars = [-1, *bars, len(text)]
    return [(a + 1, b) for a, b in itertools.pairwise(bars)]


def _table_row(s: Sentence, items: list[Item], table: tuple[Sentence, list[Item]], pat: Patterns,
               rejected: list[str]) -> list[Proposal]:
    """A row of a table whose column header names a list: a cell that answers yes puts the row's first name on
    that list."""
    head, head_items = table
    head_cells, cells = _cells(head.text), _cells(s.text)
    if len(head_cells) != len(cells) or len(cells) < 2:
        return []
    # the row's party: the first name of its first cell, or of the first cell that names anything after cells of
    # numbers only (| 1 | Huawei | …, 1｜洛克希德·马丁导弹与火控公司｜…)
    at = next((k for k, (a, b) in enumerate(cells) if any(a <= i.start < b for i in items)), 0)
    if any(not ROW_NUMBER.fullmatch(s.text[a:b]) for a, b in cells[:at]):
        at = 0
    first = [i for i in items if i.type in LISTABLE and not i.anaphor and cells[at][0] <= i.start < cells[at][1]][:1]
    out: list[Proposal] = []
    lang = "zh" if s.language.startswith("zh") else "en"
    for (ha, hb), (ca, cb) in zip(head_cells[at + 1:], cells[at + 1:], strict=True):
        for column, (rel, types) in TABLE_COLUMNS.items():  # "主要客户", "Sector": what the row's firm does
            if not first or first[0].type != "Company" or not re.search(column, head.text[ha:hb], re.IGNORECASE):
                continue
            for x in [i for i in items if i.type in types and ca <= i.start < cb and i.ref != first[0].ref]:
                feats = _features(s, items, first[0], x, rel, "structure", "structure", lang, [],
                                  {"table_column": 1.0, f"table_column={rel}": 1.0})
                out.append(Proposal(first[0], rel, x, s.doc, s, "structure",
                                    f"structure table-column (the column '{head.text[ha:hb].strip()}')", feats))
        # a row whose first cell is a field (| 制造 | 台积电、中芯国际 |, | Memory | … |): the firms of a column of
        # firms work in it
        key = [i for i in items if i.type in {"Sector", "ChainSegment"} and not i.anaphor
               and cells[0][0] <= i.start < cells[0][1]][:1]
        if key and TABLE_FIRMS.search(head.text[ha:hb]):
            for x in [i for i in items if i.type == "Company" and ca <= i.start < cb]:
                feats = _features(s, items, x, key[0], "OPERATES_IN", "structure", "structure", lang, [],
                                  {"table_column": 1.0, "table_column=firms": 1.0})
                out.append(Proposal(x, "OPERATES_IN", key[0], s.doc, s, "structure",
                                    f"structure table-firms (the column '{head.text[ha:hb].strip()}')", feats))
        lists = [i for i in head_items if i.type == "Instrument" and i.is_list and ha <= i.start < hb]
        if not lists:
            continue
        anchor = Item(ca, cb, lists[0].ref, lists[0].type, lists[0].name, lists[0].candidate, True, lists[0].surface)
        # the cell names who is on it (| 中芯国际2020年列入；长江存储2022年列入 |): each name with its own yes
        named = [i for i in items if i.type in LISTABLE and not i.anaphor and ca <= i.start < cb
                 and TABLE_NAMED_YES.match(s.text, i.end, cb)]
        for x in named:
            reason = f"structure table-list (the column '{head.text[ha:hb].strip()}' names it as listed)"
            out += _on_list(s, items, x, anchor, [(x.start, x.end)], "table_list", reason, pat, rejected)
        if named or not first or not TABLE_YES.match(s.text, ca, cb):
            continue
        reason = f"structure table-list (the column '{head.text[ha:hb].strip()}' answers yes)"
        out += _on_list(s, items, first[0], anchor, [(ca, cb)], "table_list", reason, pat, rejected)
    return out


# a line with no sentence's end, short: a caption or an annex's title
CAPTION = re.compile(r"[^。；;：:！？!?\n]{2,60}(?<![.。；;：:，,])")


def _row_party(text: str, cells: list[tuple[int, int]], items: list[Item]) -> Item | None:
    """A table row's party: the first name of its first cell that names anything, after cells of numbers only
    (| 1 | Huawei | …, 1｜洛克希德·马丁导弹与火控公司｜…)."""
    for a, b in cells:
        here = [i for i in items if a <= i.start < b and not i.anaphor]
        if here:
            return here[0] if here[0].type in LISTABLE else None
        if not ROW_NUMBER.fullmatch(text[a:b]):
            return None
    return None


# where a listing clause ends: not at the commas of a list of names ("Huawei, ZTE and SMIC were added")
ACTIVE_LISTING = re.compile(r"add(?:ed|s|ing)?\s+(?:[\w\-]+\s+){1,6}to$", re.IGNORECASE)
INCLUDE = re.compile(r"(?<![A-Za-z])(?:include|includes|including|are|were)(?![A-Za-z])\s*:?|包括|包含|分别是|分别为")
LIST_CLAUSE_BREAK = re.compile(r"[；;。，]|,\s+(?:and|but|while|whereas)\s", re.IGNORECASE)
IMPLICIT_LIST = {"en": re.compile(r"(?<![A-Za-z])(?:added|listed|designated|blacklisted)(?![A-Za-z])", re.IGNORECASE),
                 "zh": re.compile(r"列入|纳入")}
LISTINGS = re.compile(r"(?<![A-Za-z])(?:new\s+)?(?:listings|additions|designations)(?![A-Za-z])", re.IGNORECASE)
THEY_INCLUDE = {"en": re.compile(r"\s*(?:They|These|Those\s+(?:listed|added))\s+(?:include|included|are|were)\b"),
                "zh": re.compile(r"\s*其中(?:包括|有)")}


def _implicit_list(s: Sentence, items: list[Item], recent: list[tuple[int, Item]], pat: Patterns,
                   rejected: list[str], earlier: Item | None = None, listing_before: bool = False) -> list[Proposal]:
    """"The parties added include X and Y": a listing verb whose list was named in the sentences before (the last
    three; else the last list the document named, ``earlier``: 工作机制已于2023年2月将A和B列入清单 after the
    notice's list of parties)."""
    lang = "zh" if s.language.startswith("zh") else "en"
    out: list[Proposal] = []
    verbs = list(IMPLICIT_LIST[lang].finditer(s.text))
    if not verbs and listing_before and (they := THEY_INCLUDE[lang].match(s.text)) is not None:
        verbs = [they]  # "They include …", 其中包括…: the parties the sentence before lists
    for verb in verbs:
        # the clause of the verb names no list: the list is the last one named before it, in this sentence (中芯国际
        # 被列入实体清单；长江存储、上海微电子于2022年被列入) or in the sentences before
        c0 = max((m.end() for m in LIST_CLAUSE_BREAK.finditer(s.text, 0, verb.start())), default=0)
        nxt = LIST_CLAUSE_BREAK.search(s.text, verb.end())
        c1 = nxt.start() if nxt else len(s.text)
        if INCLUDE.search(s.text, verb.end(), c1) or verb.re is THEY_INCLUDE[lang]:
            c1 = len(s.text)  # "include A, a maker of X; B; and C": semicolons part its items
        if any(i.type == "Instrument" and c0 <= i.start < c1 for i in items):
            continue
        lists = [i for i in reversed(items) if i.type == "Instrument" and i.is_list and i.end <= c0] + [
            i for k, i in reversed(recent) if i.type == "Instrument" and i.is_list and k < s.index] + [
            i for i in [earlier] if i is not None]
        if not lists:
            continue
        the_list = lists[0]
        anchor = Item(verb.start(), verb.end(), the_list.ref, the_list.type, the_list.name, the_list.candidate, True,
                      the_list.surface)
        reason = f"structure implicit-list (the list of '{verb.group(0)}' named before)"
        out += [p for x in items if x.type in LISTABLE and c0 <= x.start and x.end <= c1
                for p in _on_list(s, items, x, anchor, [(min(x.start, verb.start()), max(x.end, verb.end()))],
                                  "implicit_list", reason, pat, rejected)]
    return out


def _anaphors(s: Sentence, items: list[Item], recent: list[tuple[int, Item]], pat: Patterns,
              named: list[Item] | None = None) -> list[Item]:
    """"The list", 该清单 …: the last earlier name of a fitting type, as an item at the words that point to it;
    a capitalised noun ("the Bureau", "the Committee") the last name in the document that holds it."""
    lang = "zh" if s.language.startswith("zh") else "en"
    spec = pat.anaphora.get(lang)
    if spec is None or not (recent or named):
        return []
    rx, table = spec
    out = []
    for m in rx.finditer(s.text):
        if any(i.start < m.end() and m.start() < i.end for i in items):
            continue
        noun = m.group("noun").lower() if lang == "en" else m.group("noun")
        types = table.get(noun, [])
        # "the list" is the last list named, not the last instrument: a name that holds the noun comes first
        holds = [i for i in items if noun in f"{i.name} {i.surface}".lower()] + [
            i for _, i in reversed(recent) if noun in f"{i.name} {i.surface}".lower()]
        before = [i for i in items if i.end <= m.start() and i.type in types]
        earlier = [i for _, i in reversed(recent) if i.type in types]
        if lang == "en" and m.group("noun")[:1].isupper() and not holds and named:
            holds = [i for i in reversed(named) if i.type in types and re.search(
                rf"\b{re.escape(noun)}\b", f"{i.name} {i.surface}".lower())][:1]
            earlier = earlier or holds
        elif lang == "en" and not holds and not before and not earlier and named:
            # "the program" paragraphs after "the Outbound Investment Security Program": the one name of the
            # document that holds the noun
            fits = set(types) | (MEASURES if set(types) & MEASURES else set())
            far = {i.ref: i for i in named if i.type in fits and re.search(
                rf"\b{re.escape(noun)}\b", f"{i.name} {i.surface}".lower())}
            holds = earlier = list(far.values()) if len(far) == 1 else []
        for pool, last in (([i for i in before if i in holds], True), ([i for i in earlier if i in holds], False),
                           (before, True), (earlier, False)):
            if pool:
                ref = pool[-1] if last else pool[0]
                out.append(Item(m.start(), m.end(), ref.ref, ref.type, ref.name, ref.candidate, anaphor=True,
                                surface=ref.surface))
                break
    if lang == "en":  # "Duties on semiconductors will double": the tariffs just named, by the word they hold
        for m in BARE_TARIFFS.finditer(s.text):
            if any(i.start < m.end() and m.start() < i.end for i in items):
                continue
            holds = [i for i in items if i.end <= m.start() and TARIFF_WORD.search(f"{i.name} {i.surface}")] or [
                i for _, i in reversed(recent) if TARIFF_WORD.search(f"{i.name} {i.surface}")]
            if holds:
                ref = holds[-1] if holds[-1].end <= m.start() and holds[-1] in items else holds[0]
                out.append(Item(m.start(), m.end("noun"), ref.ref, ref.type, ref.name, ref.candidate, anaphor=True,
                                surface=ref.surface))
    return out


TARIFF_WORD = re.compile(r"(?<![A-Za-z])(?:tariffs?|duty|duties|levy|levies)(?![A-Za-z])", re.IGNORECASE)
# tariffs or duties with no article, on the goods they fall on: the measure of that name just named
BARE_TARIFFS = re.compile(r"(?<![A-Za-z\-])(?<!the\s)(?<!The\s)(?<!these\s)(?<!those\s)(?P<noun>[Tt]ariffs|[Dd]uties)"
                          r"\s+on\s+(?:some\s+|certain\s+|all\s+)?(?=[a-z])")

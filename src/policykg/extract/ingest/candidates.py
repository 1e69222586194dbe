"""Entity candidates: names the gazetteer lacks, found by general patterns in either language.

English: runs of capitalised words (with "of", "and", "for"… inside), acronyms, and "Long Name (ACR)"
expansions; typed by their head word (Act → Law, Bureau → Agency, Inc → Company…), by a title before a
person's name, or by what the sentence calls them ("the chipmaker X"). Chinese: titles in 《》 and runs of
characters that end in a head (…法, …局, …公司, …联盟), bounded by punctuation, function words or a known
mention. Each candidate carries the reason for its type; a name whose type cannot be told is kept, untyped,
for review only.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from policykg.extract.gazetteer import Entity, Gazetteer, Mention, normalize_name
from policykg.extract.ingest.patterns import Patterns
from policykg.sources.corpus import Document, Sentence

CANDIDATE_SENTENCE_KINDS = {"body", "translation", "heading"}  # a title names its measure
# a possessive ('s) ends a name; an initial ("Janet L. Yellen") and an apostrophe inside a word (Xi'an) do not
# Latin letters with diacritics are letters of a name ("Hildegard Müller", "Maroš Šefčovič", "Secretaría de Economía")
_UP, _LO = "A-ZÀ-ÖØ-ÞĀ-ž", "a-zß-öø-ÿĀ-ž"
EN_WORD = (rf"(?:[{_UP}](?:[{_UP}{_LO}0-9&.\-]|['’](?=[{_UP}{_LO}]{{2}}))*[{_UP}{_LO}0-9]|[{_UP}]\.(?=\s+[{_UP}])"
           rf"|[{_UP}]|\d[{_UP}](?![{_UP}{_LO}0-9]))")  # ("5G Promotion Act": a generation's number and letter)
# a company suffix, in any case, after an optional place in brackets: "Grand Pacific Components (HK) Ltd."
EN_SUFFIX = (r"(?:Co|Ltd|Inc|Corp|LLC|Limited|PLC|GmbH|AG|Pte|Pty|Pvt|S\.r\.l|S\.p\.A|SpA|K\.K|Sdn|Bhd|Tbk|FZE|FZCO|"
             r"Şti|CO|LTD|INC|CORP|LIMITED|PTE|L\.P|LLP|LP|N\.V|B\.V|S\.A)")
# a bracketed word inside a statute's title or a firm's name: "Export Control (Amendment) Order 2024",
# "Telecommunications (Security) Act 2021", "… (Amendment) (EU Exit) Regulations 2019"
TITLE_BRACKET = (rf"\([{_UP}][A-Za-z ]{{1,20}}\)(?=\s+(?:\([{_UP}][A-Za-z ]{{1,20}}\)\s+)*(?:{EN_WORD}\s+)*"
                 rf"(?:Act|Order|Regulations|Rules|Bill|{EN_SUFFIX})\b)")  # "Sinomine (Hong Kong) … Co. Ltd."
EN_NAME = re.compile(
    rf"(?<![{_UP}{_LO}0-9]){EN_WORD}(?:(?:\s+(?:of|and|for|the|on|in|to|de|la|del|von|van|der|den|&))*\s+"
    rf"(?:No\.(?=\s+\d)|{EN_WORD}|(?<=Order )\d{{5}}(?!\d)|\d{{1,4}}(?!\d)(?![,.]\d)|{TITLE_BRACKET}))*"
    rf"(?:\s+\([A-Z][A-Za-z ]{{1,20}}\)(?=\.?,?\s+{EN_SUFFIX}\b))?"
    rf"(?:\.?,?\s+{EN_SUFFIX}\b\.?)*")
# a firm's name (its last word a company word), then where it is: "… Commodities in London"
FIRM_IN_PLACE = re.compile(r"(?<=\s)([A-Z][\w.]*)\s+in\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE_TAIL = re.compile(rf"\s+(?:in|on|since|by|from|until|through|of|to|and)\s+(?:(?:{_MONTHS}|Monday|Tuesday|"
                       r"Wednesday|Thursday|Friday|Saturday|Sunday)\b|\d{4}\b)")
# a trade-remedy or security probe named by what it looks into: "anti-dumping probe into brandy", "the Section 232
# investigation of processed critical minerals"
TRADE_PROBE = re.compile(r"(?<![A-Za-z\-])(?:anti-dumping|antidumping|anti-subsidy|countervailing(?:[\s\-]duty)?|"
                         r"antitrust|anti-monopoly|safeguard|Section\s+\d{3})\s+(?:probe|investigation|inquiry|review)"
                         r"\s+(?:into|of|on)\s+(?:imports\s+of\s+)?(?:the\s+)?"
                         r"((?:(?!(?:from|by|and|or|that|which|in|after|before|with|under|against|to|for|as)\b)"
                         r"[A-Za-z][\w\-]*(?:\s+|(?=[\s,.;:)]|$))){1,4})")
# a review named by its kind: "the four-year review", "a cybersecurity review of Micron" (not "a review")
EN_REVIEW = re.compile(r"(?<![A-Za-z\-])(?:(?:cyber)?security|national[\s\-]security|(?:two|three|four|five)-year|"
                       r"statutory|sunset|antitrust|merger|investment|export[\s\-]licen[cs]e|end-use)\s+review"
                       r"(?![A-Za-z\-])", re.IGNORECASE)
DATED_MEASURE = re.compile(rf"(?<![A-Za-z])(?:{_MONTHS})\s+(?:\d{{1,2}}(?:,\s+\d{{4}})?|\d{{4}}),?\s+"
                           # up to three words of what it covers: "the October 2023 advanced computing rules"
                           r"(?:(?!(?:and|or|the|of|to|in|on|for|that|which|by|with|as|at|from|under|were|was|"
                           r"is|are|be|been|its|their|new)\s)[a-z][a-z\-]+\s+){0,3}"
                           r"(?:rules?|controls|package|regulations?|measures)(?![A-Za-z])")
COMPANY_END = re.compile(rf"\b{EN_SUFFIX}\.?$")
# a measure's head word, capitalised, right after a known name (one word, not a longer run of capitals after it)
CAPITAL_HEAD_AFTER = re.compile(r" ([A-Z][a-z]+)(?![\w\-])(?! [A-Z])")
MEASURE_HEAD_TYPES = {"Policy", "Instrument", "Programme"}
# a capitalised word (or a hyphen) right before a known name: the name is inside a longer title ("Proposed FEOC
# Regulations", "U.S.-Japan Critical Minerals Agreement"), which the run of capitals reads whole
# (not a possessive, "the Task Force's UFLPA Strategy", nor a sentence's capitalised "The")
CAPITAL_BEFORE = re.compile(r"(?:(?<![\w.])(?!(?:The|Its|This|That|These|Their|Our|An?)\s)[A-Z][\w.]*(?<!['’]s)\s|-)$")
THE_BEFORE = re.compile(r"(?<![A-Za-z])(?:the|its|their)\s+$", re.IGNORECASE)
# a measure named by the goods it is on: "export controls on gallium and germanium", "a ban on exports of gallium,
# germanium and antimony", "tariffs on Chinese electric vehicles" (the goods: known fields, read in _goods_measures)
GOODS_MEASURE = re.compile(r"(?<![A-Za-z\-])(?:(?:export|import)\s+)?"
                           r"(?:controls|restrictions|curbs|ban|bans|tariffs|duties|levies|licen[cs]ing\s+requirements|"
                           r"licen[cs]e\s+requirements|quotas)\s+on\s+(?:the\s+)?"
                           r"(?:(?:exports?|imports?|sales|shipments)\s+of\s+)?")
GOODS_JOIN = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
ZH_RATE_TARIFF = re.compile(r"(?<![\d.%])(?:\d{3}(?:条款)?|\d{1,3}(?:\.\d+)?%)(?:附加|额外|惩罚性|报复性)?关税")
# a trade remedy by its stage: 临时反补贴税, 最终反倾销税, 临时反倾销措施 (the stage word reads as an adverb to jieba)
ZH_STAGED_REMEDY = re.compile(r"(?:临时|最终|初步|追溯)(?:反补贴|反倾销|保障)(?:关税|税|措施)")
ZH_PREPOSITION_TOKENS = frozenset({"对华", "对美", "对", "向", "被", "把", "将", "由", "给"})
ZH_LEAD = re.compile(r"(?:根据|依据|按照|以及|发布|印发|关于|公布|会同|连同|和|与|及|对|将|由|在|经|的)*")
# a number is part of a name after these words: "Executive Order 14024", "Public Law 117-167"
NUMBERED_EN = re.compile(r"(?:Order|Law|Proclamation|Directive|Memorandum|Notice|No\.)\s+\d", re.IGNORECASE)
# two or more capitalised words (no initials, no connector) before a known name: "Stop Stealing Our"
OWN_WORDS_BEFORE = re.compile(r"(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)*\s+){2,}")
HEAD_OF = re.compile(r"(?<![A-Za-z])(?:Ministry|Department|Committee|Commission|Bureau|Office|Agency|Council)\s+"
                     r"(?:of|on|for)\s+(?:the\s+)?[A-Z][a-z]+$")
# a legislature's committee is named by its chamber before the head and its remit after it: "Senate Committee on
# Finance", "House Select Committee on the Chinese Communist Party" (the chamber may be a known name of its own)
CHAMBER_HEADS = {"Committee", "Subcommittee", "Commission", "Caucus"}
OF_SERIES = re.compile(r"(?:,\s+[A-Z][a-z]+){1,3},?\s+and\s+[A-Z][a-z]+(?![\w\-])")
# a committee's remit may end in two words: "Committee on Banking, Housing, and Urban Affairs"
OF_SERIES_COMMITTEE = re.compile(r"(?:,\s+[A-Z][a-z]+){1,3},?\s+and\s+[A-Z][a-z]+(?:\s+(?:Affairs|Security|"
                                 r"Relations|Resources|Services|Means|Technology|Commerce|Transportation|"
                                 r"Development))?(?![\w\-])")
PERSON_OF_BODY = re.compile(r"\s+(?:of|at|from|for)\s+(?:the\s+)?(?=[A-Z])")
# "Mark Roe of Quartz Research", "Ann Lee of Singapore-based Quartz Advisory": a person's two or three name words,
# then the body they speak for (a run the body's head word would type as the body)
PERSON_OF_ORG = re.compile(r"((?:[A-Z][a-z'’\-]+|[A-Z]\.)(?:\s+(?:[A-Z][a-z'’\-]+|[A-Z]\.)){1,2})"
                           r"\s+(?:of|at|from)\s+(?:the\s+)?(?:[A-Z][\w.\-]*-based\s+)?(?=[A-Z])")
# what a person does in a sentence, right after the name: said, told, added
SPEECH_AFTER = re.compile(r"\s*(?:,\s*(?:who|a|an)\b|\s(?:said|says|told|added|noted|warned|wrote|argued|estimated|"
                          r"explained|cautioned|predicted|stated|commented|cited)\b)")
SPEECH_BEFORE = re.compile(r"(?<![A-Za-z])(?:said|says|told|added|noted|warned|wrote|according\s+to)\s+$")
FISCAL_YEAR = re.compile(r"\bFY\s?\d{2,4}\b")  # "FY2021 National Defense Authorization Act"
NUMBERED_OF_YEAR = re.compile(r"No\.\s+\d{1,4}\s+of\s+\d{4}$")
# the year that is part of a law's title: "Secure Equipment Act of 2021", "Consolidated Appropriations Act, 2021",
# "National Defense Authorization Act for Fiscal Year 2021"
# (a comma may follow: "The Consolidated Appropriations Act, 2023, signed by …"; not a second year: "in 2021, 2022")
NUMBERED_KNOWN = re.compile(r"\b(?:Section|Title|Article)\s+\d+[A-Za-z]?$")
DATED_TITLE = re.compile(r"\s+of\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
                         r"December)\s+\d{1,2},\s+(?:19|20)\d{2}(?!\d)")
LAW_YEAR = re.compile(r"(?:\s+of\s+|,\s+|\s+for\s+Fiscal\s+Year\s+)(?:19|20)\d{2}(?!\d|\.\d|,\s*(?:19|20)\d{2})")
LAW_YEAR_END = re.compile(r"\bAct(?:\s+of\s+|,\s+|\s+for\s+Fiscal\s+Year\s+)(?:19|20)\d{2}$")
# a British or Commonwealth statute's title ends in its year: "Export Control Act 2002", "… Order 2008"
STATUTE_YEAR_END = re.compile(r"\b(?:Act|Order|Regulations|Rules|Ordinance)\s+(?:19|20)\d{2}$")
SECTION_NUMBER = re.compile(r"Sec(?:tion|\.)\s?(\d{3,4}[A-Z]?)")
ORDER_NUMBER = re.compile(r"(?:Executive\s+Order|E\.\s?O\.|EO)(?:\s+\((?:E\.\s?O\.|EO)\))?\s+(\d{5})")
# the fiscal year before a law's name: "FY2021 National Defense Authorization Act", "FY 2024 NDAA"
LAW_FY_BEFORE = re.compile(r"(?<![\w-])(?:FY\s?|[Ff]iscal\s+[Yy]ear\s+)(?:19|20)\d{2}\s+$")
# measures named by a number alone: "E.O. 13382" (an executive order), "S. 3558", "H.R. 4346" (bills)
NUMBERED_MEASURE = re.compile(r"(?<![A-Za-z.])(?:(?P<eo>(?:E\.\s?O\.|EO|Executive\s+Order\s+\((?:E\.\s?O\.|EO)\))"
                              r"\s+\d{5}|"
                              r"(?:Presidential\s+)?Proclamation(?:\s+No\.)?\s+\d{4,5})|"
                              r"(?P<bill>S|H\.\s?R|H\.\s?Res|S\.\s?Res)"
                              r"\.\s?\d{1,4}|"
                              # a regulation by its place in the Code of Federal Regulations: "31 C.F.R. Part 850"
                              r"(?P<cfr>\d{1,2}\s+C\.\s?F\.\s?R\.|\d{1,2}\s+CFR)\s+(?:[Pp]art\s+\d{1,4}|§{1,2}\s*\d{1,4}\.\d{1,4})|"
                              # a statute by its place in the United States Code: "10 U.S.C. § 4872", "50 U.S.C. 4801"
                              r"(?P<usc>\d{1,2}\s+U\.\s?S\.\s?C\.)\s+(?:§{1,2}\s*)?\d{1,5}[a-z]?|"
                              # a statute's section by its number: "Sec. 5949", "Section 1260H" (not "Section 2")
                              r"(?P<sec>Sec(?:tion|\.)\s?\d{3,4}[A-Z]?))(?![\d\-])")
ACRONYM_AFTER = re.compile(r"^\.?\s*[(（]\s*([A-Z][A-Za-z0-9&.\-]{1,11}(?:\s+[A-Z][A-Za-z0-9&.\-]+){0,3})\s*[)）]")
LOWER_STOP = {"a", "an", "the", "this", "that", "these", "its", "their", "his", "her", "our", "new", "final",
              "interim", "such", "any", "each", "all", "other", "which", "whose", "by", "with", "under", "from",
              "to", "of", "and", "or", "as", "at", "is", "are", "was", "were", "be", "been", "has", "have", "had",
              "it", "they", "also", "not", "no", "same", "earlier", "later", "first", "second", "current",
              # a degree says how, not which: "the strongest controls", "tighter rules"
              "strongest", "toughest", "strictest", "broadest", "harshest", "latest", "biggest", "widest", "tighter",
              "stricter", "broader", "tougher", "wider"}
SECTOR_STOP = {"certain", "some", "many", "more", "most", "several", "such", "other", "these", "those", "two", "both",
               "make", "makes", "made", "using", "use", "used", "ship", "sell", "buy", "including", "related",
               "relevant", "specific", "u", "s", "foreign-produced", "its", "their", "china", "chinese",
               # what comes before a sector's name without being part of it ("billion behind semiconductor
               # manufacturing", "products containing chips", "developing advanced computing")
               "into", "onto", "for", "on", "in", "over", "about", "against", "toward", "towards",
               "billion", "million", "behind", "called", "so-called", "fund", "funds", "funded", "funding", "expand",
               "expands", "expanded", "support", "supports", "supported", "items", "products", "containing",
               "contain", "contains", "developing", "largest", "biggest", "leading", "bargaining", "materially",
               "mainly", "largely", "only", "covering", "targeting", "restricting", "building", "supporting",
               "supplying", "producing", "providing", "procuring", "acquiring", "diverting", "transshipping",
               # verbs of trade before an object ("designs integrated circuits", "bought chips")
               "design", "designs", "designed", "sells", "sold", "buys", "bought", "assemble", "assembles",
               "assembled", "produce", "produces", "produced", "ships", "shipped", "supply", "supplies", "supplied",
               "export", "exports", "exported", "import", "imports", "imported", "develop", "develops",
               "developed", "build", "builds", "built", "manufacture", "manufactures", "manufactured", "uses",
               "provide", "provides", "provided", "deliver", "delivers", "delivered", "acquire", "acquired",
               # verbs of a measure before what it covers ("the duties cover permanent magnets")
               "cover", "covers", "covered", "include", "includes", "included", "restrict", "restricts",
               "restricted", "target", "targets", "targeted", "control", "controlled", "add", "adds", "added",
               "affect", "affects", "affected", "ban", "bans", "banned", "exempt", "exempts", "exempted",
               # verbs of a policy's aim before what it is for ("to rebuild semiconductor manufacturing")
               "rebuild", "rebuilds", "revive", "revives", "strengthen", "strengthens", "boost", "boosts", "bolster",
               "bolsters", "secure", "secures", "protect", "protects", "promote", "promotes", "restore", "restores",
               "reshore", "onshore", "grow", "grows", "advance", "advances", "modernize", "modernise", "localize",
               "localise", "upgrade", "upgrades", "dominate", "dominates", "lead", "leads",
               # a verb with its particle before its object ("used to lay out chips", "run AI models")
               "out", "up", "off", "lay", "lays", "laid", "train", "trains", "trained", "run", "runs",
               "fabricate", "fabricates",
               # a modal, an adverb or a verb of getting before its object ("could still obtain chips", "to reach
               # foreign-made semiconductors")
               "can", "could", "may", "might", "must", "should", "would", "will", "still", "even", "already", "now",
               "just", "never", "obtain", "obtains", "obtained", "reach", "reaches", "reached", "access", "accessed",
               "get", "gets", "got", "purchase", "purchases", "purchased", "receive", "receives", "received",
               "need", "needs", "needed", "require", "requires", "required", "seek", "seeks", "sought", "block",
               "blocks", "blocked", "curb", "curbs", "curbed", "limit", "limits", "limited", "slow", "slows",
               "slowed", "stop", "stops", "stopped", "hit", "hits", "buying", "selling", "shipping"}
CONNECTORS = {"of", "and", "for", "the", "on", "in", "to", "de", "&"}
COMPANY_CUES = re.compile(
    r"(?:company|firm|chipmaker|chip maker|maker|manufacturer|supplier|giant|start-?up|vendor|foundry|"
    r"producer|developer|designer|subsidiary|affiliate|group|miner|refiner|smelter|consultancy|shipbuilder|shipyard|"
    r"exporter|importer|distributor|conglomerate|contractor|brokerage|lender|insurer|trading house|joint venture|"
    r"automaker|carmaker)s?\s*$|"
    # 美国加州企业Auxin Solar, 本土企业First Solar: a Latin name a Chinese sentence calls a firm
    r"(?:企业|公司|厂商|厂家|制造商|生产商|供应商|巨头|龙头)\s*$", re.IGNORECASE)
COMPANY_APPOSITION = re.compile(
    r"^\s*,\s*(?:a|an|the)\s+(?:[\w\-.]+\s+){0,3}(?:company|firm|chipmaker|maker|manufacturer|supplier|giant|"
    r"start-?up|vendor|foundry|producer|developer|designer|subsidiary|intermediary|plant|distributor|contractor|"
    r"operator|trader|exporter|importer|enterprise|conglomerate|shipyard|carrier|miner|refiner|smelter|recycler|"
    r"processor|brokerage|bank|lender|insurer|trading\s+house|joint\s+venture|automaker|carmaker)s?\b", re.IGNORECASE)
# "firms such as Acme", "companies including Acme and Beta"
SUCH_AS_FIRMS = re.compile(r"(?:compan(?:y|ies)|firms?|makers?|suppliers?|producers?|start-?ups?|miners?|refiners?|"
                           r"chipmakers?|vendors?|foundries|groups?)\s*,?\s+"
                           r"(?:such\s+as|including|like)\s+(?:[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*\s*,?\s+(?:and\s+)?)?$",
                           re.IGNORECASE)
TITLE_PERIOD = re.compile(r"[（(][^（）()]{0,20}\d{4}[^（）()]{0,20}[）)]$")
ZH_TITLE = re.compile(r"《([^《》]{2,80})》")
# what a title is, said right after it (and its Latin form): …》（…）的最终规则, …》的行政令
ZH_TITLE_OF = re.compile(r"(?:\s*[（(][^（）()]{1,160}[)）])?的((?:最终|临时|拟议|暂行)?[\u4e00-\u9fff]{1,4}?)"
                         r"(?=[，。；、：,]|$|[于已将对由，])")
TITLE_LATIN = re.compile(r"\s*[（(]\s*([A-Z][A-Za-z0-9 .,;:&'’\-]{3,160}?)\s*[）)]")
# 第18号公告, 2025年第4号令; 商务部公告2024年第46号, 税委会公告2025年第4号 (the issuer's short name before it; joint
# issuers too: 商务部 海关总署公告2025年第18号)
ZH_NUMBERED = re.compile(r"(?:\d{4}年)?第\s*\d+\s*号(?:总统|行政|部长|主席)?(?:公告|令|决定|通知)|"
                         r"(?:[\u4e00-\u9fff]{1,10}?(?:部|委|会|署|局|机制|办公室)(?:[ \u3000、][\u4e00-\u9fff]{1,10}?"
                         r"(?:部|委|会|署|局|机制|办公室))*)?(?:公告|令)\s*\d{4}\s*年\s*第\s*\d+\s*号")
ZH_NOTICE_CORE = re.compile(r"(?:公告|令)\s*\d{4}\s*年")
ZH_ISSUER = re.compile(r"[\u4e00-\u9fff]{1,10}(?:部|委|会|署|局|机制|办公室)")
# words of the sentence around a notice's number, never of its issuer's name (发布商务部公告…, 日前…)
ZH_NOT_ISSUER = re.compile(r"发布|印发|公布|宣布|出台|日前|近日|今日|根据|依据|按照|通过|关于|[的了在已将对由经]")


def _notice_start(text: str, m: re.Match[str], taken: list[tuple[int, int]]) -> int:
    """Where a numbered notice's name starts: at its issuers' names right before 公告/令 (商务部 海关总署公告…), known
    names first, then the longest run ending in an agency's head word that holds no word of the sentence around it
    (…日前发布商务部公告2025年第1号 is 商务部公告2025年第1号)."""
    core = ZH_NOTICE_CORE.search(m.group(0))
    if core is None or core.start() == 0:
        return m.start() + len(ZH_LEAD.match(m.group(0)).group(0))  # type: ignore[union-attr]
    start = end = m.start() + core.start()
    while start > m.start():
        k = start - 1 if start < end and text[start - 1] in " \u3000、" else start  # between two issuers
        known = [x for x, y in taken if y == k and m.start() <= x < k]
        if known:
            start = min(known)
            continue
        longest = next((j for j in range(max(m.start(), k - 12), k - 1)
                        if ZH_ISSUER.fullmatch(text, j, k) and not ZH_NOT_ISSUER.search(text, max(0, j - 1), k)), None)
        if longest is None:
            break
        start = longest
    lead = ZH_NOTICE_VERB.match(text, start)  # 依照商务部公告…, 承接商务部 海关总署公告…: the verb is no issuer
    return lead.end() if lead is not None and lead.end() < end else start


ZH_NOTICE_VERB = re.compile(r"(?:依照|依据|根据|按照|参照|承接|执行|落实|援引|引用|对照)")


# a notice's title (关于进一步支持…发展的通知) and its document number (工信部联电子〔2024〕112号, 国发〔2020〕8号)
ZH_NOTICE_TITLE = re.compile(r"关于[^，。；：！？《》\s]{2,80}?的"
                             r"(?:通知|公告|决定|意见|实施意见|指导意见|办法|规定|批复|复函)"
                             r"(?![\u4e00-\u9fff])")
ZH_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[［]\d{4}[〕\]］]\s*\d{1,4}\s*号")
ZH_FIRM_WITH_LATIN = re.compile(r"(?:企业|公司|厂商|巨头|制造商|供应商|芯片商|设计商|代工厂)(?:的)?"
                                r"([\u4e00-\u9fff·]{2,10})[（(]\s*([A-Z][A-Za-z0-9 .&\-]{1,40})\s*[）)]")
# a name right after a boundary (a list item's start, punctuation, a copula) with its Latin form in brackets
ZH_NAME_LATIN = re.compile(r"(?:^|(?<=[\s，。；、：:“\"）)是系为即将对把给于了由的]))"
                           r"((?:(?![是为即将对把被的由该给于]|系(?![统列]))[\u4e00-\u9fff·]){2,24})"
                           # 马来西亚投资贸易及工业部（Ministry of Investment, Trade and Industry，MITI）: an acronym
                           # after the Latin form, past a comma
                           r" ?[（(]\s*([A-Z][A-Za-z0-9 .,&'\-]{1,60}?)\s*(?:[，,]\s*([A-Z]{2,8}))?\s*[）)]")
# the last word of a firm's Latin name that is no head word of patterns.yaml ("Air Products", "Tokyo Electron"); a
# firm's word the heads hold ("Systems", "Materials") has typed the name before _after_country is asked
FIRM_LATIN_END = re.compile(r"(?:Products|Electron|Chemicals?|Energy|Steel|Minerals|Networks|Automotive|Optics)$")


ZH_PLACE_ENDS = frozenset("州省市县区岛港湾")  # 美国亚利桑那州（Arizona）: a place, not a firm


def _after_country(m: re.Match[str], known: dict[tuple[int, int], str]) -> int | None:
    """Where a firm's Chinese name starts right after a known country's (美国杜邦（DuPont）,
    日本纳博特斯克（Nabtesco）): a short name with no dot of a transliterated person (唐纳德·特朗普), whose Latin
    form is one word or ends in a firm's word; None when the run is no such name."""
    a, b = m.span(1)
    latin = m.group(2).strip()
    if "·" in m.group(1) or not (" " not in latin or FIRM_LATIN_END.search(latin)) \
            or m.group(1)[-1] in ZH_PLACE_ENDS:
        return None
    home = max((y for (x, y), t in known.items() if t == "Country" and a <= x and y < b), default=None)
    if home is None or not 2 <= b - home <= 8 or ZH_NOT_IN_NAME.search(m.string, home, b) \
            or any(home <= x < b for x, _ in known):
        return None
    return home


# a personal name in Latin letters (accents allowed): "Péter Szijjártó", "László Papp"
PERSON_LATIN = re.compile(r"[A-Z][a-zà-ÿőű'’\-]+(?:\s+[A-Z][a-zà-ÿőű'’\-]+){1,2}")
# the words of a descriptor before a name that call it a firm (not 旗下, 下属: a unit)
ZH_FIRM_DESCRIPTOR = re.compile(r"企业|厂商|制造商|供应商|巨头|龙头|公司")
# the rest of a list of names with their Latin forms that the sentence counts as firms: …、斯库林（SCREEN）等日本企业
ZH_LATIN_LIST_FIRMS = re.compile(r"(?:[、和及与][\u4e00-\u9fff·]{2,12}[（(][^（）()]{1,60}[)）])*等[^，。；]{0,8}?"
                                 r"(?:企业|公司|厂商|巨头|制造商|供应商)")
# a company name from a boundary (punctuation, a list number, a verb of listing) to its head, without function
# words inside; descriptors before it (美国军工企业…) are not part of it
ZH_MIXED_FIRM = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Za-z0-9\-]{1,20}"
                           r"(?:(?![和与及、的将对被在是为等])[\u4e00-\u9fff]){2,12}?"
                           r"(?:股份有限公司|有限责任公司|有限公司|公司|集团))"
                           r"(?:[（(]\s*([A-Z][A-Za-z0-9 .,&'\-]{1,60}?)\s*[）)])?")
ZH_COMPANY_RUN = re.compile(r"(?:^|(?<=[\s，。；、：:“\"（(）)\d.\u2460-\u2473A-Za-z]|将|对|把|和|与|及|称|是|向|"
                            r"为|给|的|了)|(?<=子公司|母公司))"
                            # 中矿（香港）稀有金属资源有限公司: a seat in brackets inside the name
                            r"((?:(?![的将对把被和与及在向为等是了已该这此并就也都均但而给于])[\u4e00-\u9fff·]"
                            r"|(?<=[\u4e00-\u9fff])[（(][\u4e00-\u9fff]{2,3}[）)](?=[\u4e00-\u9fff]{2})){3,16}?"
                            # 盛美半导体设备（上海）股份有限公司: the seat in brackets before the legal form
                            r"(?:[（(][\u4e00-\u9fff]{2,4}[）)](?:股份有限|有限责任|有限)?(?=公司))?(?:公司|集团))")
ZH_LIST_LEAD = re.compile(r"(?:其中|包括|包含|例如|比如|涉及|分别为|分别是|即)+")
# words that join names: none opens a name (会同财政部; a jieba word, so 和记 stays whole); the first four join a
# list's last item (…公司（…）和红杉峰…公司), read as characters after a bracket or a list comma only
ZH_LIST_JOINS = ("以及", "和", "与", "及")
ZH_JOINS = frozenset({*ZH_LIST_JOINS, "会同", "连同", "并", "同"})
ZH_LIST_JOIN = re.compile("|".join(ZH_LIST_JOINS))
# a joining word that opens no name: …，以及尼康（Nikon）, …并…
ZH_JOIN_LEAD = re.compile("|".join([*ZH_LIST_JOINS, "并", "还有"]))
ZH_REGISTERED = re.compile(r"有限(?:责任)?公司$")
ZH_LEGAL_TAIL = re.compile(r"(?:股份)?有限(?:责任)?公司|公司")
ZH_COUNTED = re.compile(r"[家个名位所]")
ZH_COUNT_BEFORE = re.compile(r"[\d一二三四五六七八九十两几多数]$")
ZH_PAIR_JOIN = {"与", "和", "及", "、", "同"}
ZH_DESCRIPTOR = re.compile(r"(?:[\u4e00-\u9fff]{0,6}?(?:企业|厂商|制造商|供应商|巨头|龙头|军工商|子公司|母公司|"
                           r"旗下|下属|设备商|芯片商|材料商|零部件商|设计商|运营商|代工厂|晶圆厂|车企|药企|厂家|"
                           r"客户|买方|卖方|进口商|出口商|经销商|贸易商|分销商|代理商|合作方))+")
ZH_MAKE_WORDS = frozenset({"国产", "本土", "自主", "进口", "外资", "国外", "海外"})
ZH_LEGAL_FORM = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|集团公司|公司|集团)$")
ZH_COMPANY_CUE = re.compile(r"(?:企业|公司|厂商|巨头|制造商|供应商|芯片商|设计商|代工厂|龙头)(?:的)?\s*$")
HAN = re.compile(r"[\u4e00-\u9fff]")
ZH_COUNTRY_SHORT = {"美", "华", "日", "俄", "欧", "台", "韩"}
ZH_COMPANY_TAIL = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:有限责任公司|有限公司|公司|集团)")
# jieba's part-of-speech flags of words that make up names, and of the proper nouns a name must hold
# nouns that close a phrase of their own: a joining word after one starts another name (…磁材加工环节和锂离子电池产业链)
ZH_PHRASE_ENDS = {"环节", "领域", "行业", "方面", "部分", "阶段", "市场"}
ZH_NAME_FLAGS = {"n", "nt", "ns", "nz", "nr", "nrt", "nrfg", "nrf", "j", "eng", "ng", "vn", "b", "a", "an", "l", "g"}
ZH_PROPER_FLAGS = {"nt", "ns", "nz", "nr", "nrt", "nrfg", "nrf", "j", "eng"}
ZH_NATIONAL = ("国家", "中国", "美国", "国际", "全国", "中华人民共和国", "中央")
# the making of a field (半导体制造): a verb a strong head's name may hold after the field's name
ZH_MAKING = {"制造", "生产", "研发", "设计", "封装", "测试"}
ZH_TRADE_VERBS = {"出口", "进口"}
ZH_PAIR_WORDS = {"与", "和", "及", "同", "并"}
ZH_SEAT_PREFIX = re.compile(r"[\u4e00-\u9fff]{2,3}[市省]")  # 深圳市 of 深圳市海思半导体有限公司
# verbs that act on a list, not name its kind: 列入名单, 公布清单
ZH_LIST_VERBS = frozenset({"列入", "纳入", "移出", "移除", "公布", "更新", "调整", "发布", "建立", "设立", "制定",
                           "编制", "出台", "扩大", "新增", "删除", "修订", "实施", "适用", "对照", "参照", "依据",
                           "根据"})
ZH_SCOPE_WORDS = {"全国", "全球", "国内", "国际", "全世界", "全行业", "年度"}  # (年度: when, not which goods)
ZH_ORG_AIMS = {"创新", "发展", "促进", "合作", "推进", "协同"}
# heads specific enough that a run of plain words before them is a name: 镓锗出口管制, 先进计算出口管制
ZH_STRONG_HEADS = {"出口管制", "出口管制规则", "法案", "条例", "公告", "清单", "名单", "基金", "关税", "管制新规",
                   "禁令", "工作机制", "行政令", "有限公司", "股份公司", "集团公司", "反倾销调查", "反补贴调查",
                   "反垄断调查", "反倾销税", "反补贴税", "出口许可证", "安全审查", "集中审查", "规则"}
# what a verb sets up is a programme's name: 设立未来产业创新发展专项, 建设无锡高新区集成电路产业园
ZH_SET_UP = re.compile(r"(?:设立|组建|建设|启动|设置|实施|开展|打造)(?:的|了|起)?"  # 共同组建的北京…中心: not 的北京…
                       r"((?![的了])[\u4e00-\u9fff]{2,12}?(?:专项|先导区|示范区|行动|创新中心|工程|产业园))"
                       r"(?=[，。；、）：]|$)")
# programme heads that a field of work may qualify (人形机器人创新中心, 量子信息重点专项, 集成电路产业投资基金)
FIELDS = frozenset({"Sector", "ChainSegment"})
ZH_FIELD_HEADS = {"中心", "创新中心", "专项", "基金", "产业链", "产业园", "政策", "集群", "试点", "示范区", "先行区"}
ZH_VERBS = {"出具", "签发", "实施", "宣布", "发布", "推出", "出台", "加强", "收紧", "升级", "更新", "执行", "负责",
            "实行", "采取",
            "放宽", "限制", "列入", "回应", "应对", "通过", "签署", "规定", "要求", "针对", "涉及", "从事", "生产",
            "制造", "研发", "销售", "提供", "发起", "出口", "进口", "采购", "供应", "开发", "设计",
            # verbs that take goods or a measure as their object (包括光刻机, 纳入出口管制): never part of a name
            "包括", "瞄准", "缩短", "投向", "遭遇", "纳入", "覆盖", "涵盖", "使用", "购买", "获得", "取得", "禁止",
            "扩大", "增设", "面临", "影响", "打击", "依赖", "证明", "收到", "收购", "并购", "约谈", "调查", "审查",
            "批准", "起诉", "处罚", "评估", "加严", "强化", "持续", "建设", "打造", "培育", "作为", "成为", "担任",
            # verbs of a policy text before what it supports (支持集成电路, 继续执行财政部…的公告)
            "支持", "推动", "鼓励", "推进", "落实", "贯彻", "继续执行", "继续",
            # a body's decision or statement (国务院关税税则委员会决定加征关税): the verb ends the body's name
            "决定", "同意", "表示", "指出", "认为", "通报", "召开",
            # what a firm's business is (艾尔默斯主营汽车芯片): the goods after it are no part of the firm's name
            "主营", "专注", "专注于", "深耕", "主攻",
            # a notice's tasks (加快设备攻关, 突破材料瓶颈, 充分发挥…作用): the verb opens a task, not a name
            "加快", "突破", "发挥", "充分发挥", "提升", "促进", "完善", "加大", "引导", "统筹",
            # an applicant's steps (提交材料, 申报项目): the verb opens a task, not goods
            "提交", "申报", "披露", "报送",
            # a notice that issues another (办公厅印发方案): the tagger may read the verb as a noun
            "印发", "转发", "制定", "公布",
            # a licence or a review someone applies for, issues, undergoes or starts (申领…出口许可证, 启动…审查)
            "申领", "申请", "办理", "颁发", "发放", "接受", "进行", "启动", "开展", "持有",
            # a body or a fund someone sets up (江苏省设立…投资基金), or a measure someone criticises
            "设立", "成立", "组建", "建立", "设置", "批评", "谴责", "反对",
            # a requirement someone puts on a firm (商务部对某公司提出许可证要求): the firm's name ends before it
            "提出"}
# 外国组织, 境外企业: a kind of body, not one; 有关事项公告: not a name
# nouns after a measure's head word that make it their modifier (出口管制管理部门, 关税问题, 制裁风险)
ZH_HEAD_MODIFIES = re.compile(r"管理|主管|部门|机构|机关|领域|工作|体系|执法|合规|方面|问题|风险|制度|能力|形势|压力|"
                              r"研究(?!员)|咨询|协调")
# the commonest Chinese surnames: a name after a title that the tagger cut apart starts with one
ZH_SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜"
                  "叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺"
                  "顾毛郝龚邵万钱严覃武戴莫孔向汤")
ZH_NOT_IN_NAME = re.compile(r"[的了在是和与及表示说指出称认为介绍强调接受出席会见主持]")
# the third character of a name the tagger cut at two, known by what follows it: a speech verb, 就 or punctuation
ZH_NAME_THIRD = re.compile(r"(?![的了在是和与及对将把被向从为等])[\u4e00-\u9fff]"
                           r"(?=就|表示|说|称|指出|强调|介绍|回应|答|在|曾|是|于|也|还|则|透露|认为|[，、。：（(])")
# a unit named right after its agency: 国家发展改革委高技术司, 商务部产业安全与进出口管制局 (not 对美国公司, 司法)
# (a lookahead: each place is tried, so 会同海关总署缉私局 does not hide 缉私局 after 海关总署)
ZH_SUB_AGENCY = re.compile(r"(?<=[部委局署办院])(?=([\u4e00-\u9fff]{2,12}?(?:司|局|办公室))(?![法机]))")
# 财政部关税政策研究中心, 商务部国际贸易经济合作研究院: an agency's research centre or institute, named after it
ZH_SUB_BODY = re.compile(r"(?<=[部委局署办院])(?=([\u4e00-\u9fff]{2,12}?(?:研究中心|研究院|研究所|中心)))")
# 省发展改革委, 省工业和信息化厅, 市商务局: 省 or 市 after a boundary, then an agency's words and its head
ZH_LOCAL_AGENCY = re.compile(r"(?:^|(?<=[，。；：、\s（(由和与及同将对请]))((?:省|市|自治区)[\u4e00-\u9fff]{2,9}?"
                             r"(?:厅|局|委员会|委|办公室|办公厅))(?![\u4e00-\u9fff]{0,1}[局厅委司处])")
# a named province's or city's agency (合肥市发展和改革委员会, 苏州市工业和信息化局; a known national agency's words
# inside it are part of it)
ZH_PLACE_AGENCY = re.compile(r"(?:^|(?<=[，。；：、\s（(由和与及同将对请上]))(?:如|例如|比如|包括|即)?"
                             r"(?!会同|经|由|联合|根据|依据|按照|在|对|向|将|并)"  # 会同广东省…: the verb is no part
                             r"([\u4e00-\u9fff]{2,6}?(?:省|市|自治区)"
                             r"[\u4e00-\u9fff]{2,9}?(?:厅|局|委员会|委|办公室|办公厅))"
                             r"(?![\u4e00-\u9fff]{0,1}[局厅委司处])")
ZH_NOT_IN_UNIT = re.compile(r"公司|[对将把向在于是为的了和及或等被由从给让已]|发布|负责|表示|提交|宣布")
ZH_STOP_TOKENS = {"其他", "相关", "有关", "主要", "重要", "一些", "这些", "各国", "我国", "本国", "各类", "外国",
                  "境外", "国外", "海外", "事项", "所列", "上述", "下列", "列明", "全市", "全省", "本市", "本省",
                  "我市", "我省", "全球", "全世界",
                  # a copula joins two names, it is in neither (石墨是锂电池负极材料)
                  "是", "系", "属于", "成为", "作为",
                  # a preposition of approval or means (经广东省人民政府同意, 共建…学院)
                  "经", "经过", "共建",
                  # a pointer or a preposition opens no name (自本公告, 该公司, 此次措施)
                  "本", "该", "此", "其", "自", "从", "每"}
ZH_POINTER = re.compile(r"[自从于对在]?[本该此其每]|[自从]")
ZH_COMMON = {"方法", "做法", "想法", "看法", "说法", "合法", "立法", "依法", "执法", "违法", "司法", "全部", "内部",
             "外部", "局部", "总部", "格局", "布局", "结局", "大局", "当局", "干部", "本部", "部分", "中部", "西部",
             "首部", "一部", "这部", "该部", "此部", "每部", "两部", "俱乐部", "细部", "大部",
             "东部", "北部", "南部", "整体计划", "中心", "项目", "工程", "政策", "措施", "办法", "规定", "战略", "规划",
             "清单", "名单", "关税", "公司", "集团", "科技", "电子", "半导体", "委员会", "办公室", "基金", "计划",
             "组织", "联盟", "协会", "论坛", "通知", "意见", "决定", "公告", "指南", "协议", "调查",
             "上市公司", "科技公司", "外国公司", "跨国公司", "子公司", "母公司", "新规", "规则"}


@dataclass
class Candidate:
    """One name the gazetteer lacks, over all its occurrences in a document set."""

    key: str  # normalised name
    name: str
    type: str | None
    reason: str
    confidence: float
    aliases: list[str] = field(default_factory=list)
    occurrences: list[CandidateMention] = field(default_factory=list)
    node: str | None = None  # a known entity this name is another form of (美光 before its Latin form, Micron)

    @property
    def id(self) -> str:
        """A stable node id for the name: <type>:<ascii slug>, or a hash of a Chinese name."""
        slug = re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")
        if not slug or not self.name.isascii():
            slug = "x-" + hashlib.sha1(self.key.encode()).hexdigest()[:10]
        return f"{(self.type or 'unknown').lower()}:{slug}"


@dataclass(frozen=True)
class CandidateMention:
    key: str
    doc: str
    sentence: int
    start: int  # projected offsets within the sentence text
    end: int
    surface: str


# a Federal Register document's head: its agency lines, "15 CFR Part 744", "[Docket No. …]", "RIN …", then the
# rule's or notice's title alone on its line, then "AGENCY: …" and "ACTION: …"
REGISTER_AGENCY = re.compile(r"AGENCY:\s")
REGISTER_ACTION = re.compile(r"ACTION:\s")
REGISTER_HEAD_LINE = re.compile(r"\d+\s+CFR\b|\[?Docket\b|X?RIN\s|BILLING\b|[A-Z\s,.&]+$")


# the Latin form (and acronym) in brackets right after a quoted Chinese name
ZH_QUOTED_LATIN = re.compile(r"[（(]\s*([A-Z][A-Za-z0-9&.'’\- ]{2,80}?)\s*(?:[，,;；]\s*([A-Z][A-Za-z0-9&.\-]{1,12}))?"
                             r"\s*[）)]")


def register_title(doc: Document) -> tuple[int, int] | None:
    """The sentences of a Federal Register document's title and of its "AGENCY:" line: the title is the line alone
    right above "AGENCY:", with "ACTION:" just after it (a rule, a notice or an order names itself there)."""
    sents = doc.sentences
    for s in sents[:24]:
        if not REGISTER_AGENCY.match(s.text) or s.index == 0:
            continue
        if not any(REGISTER_ACTION.match(t.text) for t in sents[s.index + 1:s.index + 3]):
            return None
        title = sents[s.index - 1]
        text = title.text.strip()
        alone = title.index == 0 or sents[title.index - 1].paragraph != title.paragraph
        if not alone or title.paragraph == s.paragraph or REGISTER_HEAD_LINE.match(text) \
                or not 2 <= len(text.split()) <= 40 or not re.match(f"[{_UP}]", text):
            return None
        return title.index, s.index
    return None


def find_candidates(doc: Document, mentions: list[Mention], gaz: Gazetteer, pat: Patterns) -> list[Candidate]:
    """Entity candidates of one document, with every occurrence."""
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    typed_spans: dict[int, dict[tuple[int, int], str]] = {}
    for m in mentions:
        s = doc.sentences[m.sentence]
        by_sentence.setdefault(m.sentence, []).append((m.p_start - s.p_start, m.p_end - s.p_start))
        typed_spans.setdefault(m.sentence, {})[(m.p_start - s.p_start, m.p_end - s.p_start)] = \
            gaz.entities[m.entity].type
    mentions_here: dict[int, list[Mention]] = {}
    for m in mentions:
        mentions_here.setdefault(m.sentence, []).append(m)
    found: dict[str, Candidate] = {}
    acronyms: dict[str, str] = {}  # acronym -> candidate key, from "Long Name (ACR)"
    # the column of a table whose cells are fields (环节, Sector), and its header
    field_column: tuple[int, str] | None = None
    in_table = False
    stop_keys = {normalize_name(w) for w in pat.stop_words}
    # a post alone is no one's name ("… Chairman Tim Scott and Ranking Member Elizabeth Warren")
    post_only = re.compile("|".join(f"(?:{t})" for t in pat.person_titles.get("en", [])) or "(?!)")
    register = register_title(doc)
    for s in doc.sentences:
        if s.kind not in CANDIDATE_SENTENCE_KINDS:
            continue
        taken = sorted(by_sentence.get(s.index, []))
        known = typed_spans.get(s.index, {})
        found_here = [*_english(s, taken, pat, known), *_chinese(s, taken, pat, known),
                      *_country_agencies(s, mentions_here.get(s.index, []), gaz),
                      *_phases(s, mentions_here.get(s.index, []), gaz)]
        found_here = _latin_forms_whole([_initialled(s.text, f, known) for f in found_here], s.text)
        if s.language != "zh" and (person := _listed_person(s.text, taken)) is not None:
            # "CHEN, Zhiqiang (…) … (individual) [NPWMD]": the entry's name, not its parts
            found_here = [f for f in found_here if not (f[0] < person[1] and person[0] < f[1])] + [person]
        found_here = [_known_firm_form(s, f, mentions_here.get(s.index, []), gaz) for f in found_here]
        if s.language != "zh":
            found_here += _known_firm_legal_forms(s, mentions_here.get(s.index, []), gaz, found_here)
        if units := _known_firm_units_here(s, mentions_here.get(s.index, []), gaz, pat, known, found_here):
            found_here = [f for f in found_here if not any(a <= f[0] and f[1] <= b for a, b, *_ in units)] + units
        found_here += _maker_goods(s.text, taken, found_here, gaz, pat) if s.language != "zh" else []
        found_here += _sector_industry(s.text, known, found_here)
        if s.language == "zh":
            found_here += _segment_list(s.text, known, found_here, gaz)
        if register is not None and s.index == register[0]:
            found_here += _register_title(s.text)
        cells = _table_cells(s.text)
        header = cells is not None and not in_table  # a table's first row
        in_table = cells is not None
        if cells is None:
            field_column = None
        elif TABLE_RULE_LINE.fullmatch(s.text.strip()):
            pass
        elif header:
            field_column = next(((k, s.text[a:b].strip()) for k, (a, b) in enumerate(cells)
                                 if TABLE_FIELD_HEADER.fullmatch(s.text[a:b].strip())), None)
        elif field_column is not None and field_column[0] < len(cells):
            found_here += _table_field(s.text, cells[field_column[0]], field_column[1], taken, found_here)
        if cells is not None and not header:
            found_here = _cell_firms(s.text, cells, taken, found_here)
        for start, end, name, typ, reason, conf, acr in found_here:
            if len(known_as := gaz.lookup(name)) > 1 or (known_as and not start < end):
                continue  # the gazetteer knows it under this name (a form its automaton did not reach)
            if ZH_COUNTED.match(name) and ZH_COUNT_BEFORE.search(s.text, 0, start):
                continue  # 5家美国子公司: a count of firms described, not a firm's name
            key = normalize_name(name)
            if not key or key in stop_keys or ROMAN.fullmatch(name) or post_only.fullmatch(name):
                continue  # "III" of "Big Fund III" names nothing alone
            cand = found.get(key)
            if cand is None and known_as:  # "United States Antimony Corp": the known firm, where its automaton read
                # only the country's name
                cand = found[key] = Candidate(key, name, known_as[0].type, f"{reason}; the gazetteer's "
                                              f"{known_as[0].name}", conf, node=known_as[0].id)
            elif cand is None:
                cand = found[key] = Candidate(key, name, typ, reason, conf)
                form_of = None if ACRONYM_ONLY.fullmatch(name) else _bracketed_form_of(  # (acronyms: below)
                    s, start, end, typ, mentions_here.get(s.index, []), gaz)
                if form_of is not None:  # 中国外交部（Ministry of Foreign Affairs）: the known ministry's other form
                    cand.node, cand.type = form_of.id, form_of.type
                    cand.reason += f"; the form in brackets right after the known {form_of.name}"
            elif cand.type is None and typ is not None:
                cand.type, cand.reason, cand.confidence = typ, reason, conf
            if cand.node is None and (num := ORDER_NUMBER.fullmatch(name)) is not None and len(
                    known_order := gaz.lookup(f"Executive Order {num.group(1)}")) == 1:
                cand.node, cand.type = known_order[0].id, known_order[0].type  # "Executive Order (E.O.) 14105"
                cand.reason += f"; the known {known_order[0].name}"
            if acr and cand.node is None and (same := _known_form(gaz, acr, typ)) is not None:
                cand.node, cand.type = same.id, same.type  # 美光（Micron）: the known company's Chinese name
                cand.reason += f"; {acr!r} names the known {same.name}"
            elif acr and acr not in cand.aliases and not gaz.lookup(acr):
                cand.aliases.append(acr)
                acronyms[acr] = key
            if not any(o.sentence == s.index and o.start == start and o.end == end for o in cand.occurrences):
                cand.occurrences.append(CandidateMention(key, doc.id, s.index, start, end, s.text[start:end]))
        for alias, owner in _also_known_as(s.text, found_here).items():
            if normalize_name(owner) in found and normalize_name(alias) in found:
                acronyms.setdefault(alias, normalize_name(owner))
    _known_acronyms(doc, mentions, found, gaz)
    _known_short_titles(doc, mentions, found, gaz)
    _defined_terms(doc, by_sentence, found, acronyms, gaz, pat)
    _tail_names(doc, mentions, by_sentence, found, acronyms, gaz, pat)
    # a numbered notice cited by its number alone (第18号公告 after 海关总署公告2025年第18号) is the same notice
    for short, key in _numbered_short_forms(found).items():
        acronyms.setdefault(short, key)
    # a notice's title and its number at the head of the document, or a title and the number in brackets after it
    # (《若干政策》（国发〔2020〕8号）): one notice
    for name, key in _titled_numbers(doc, found).items():
        acronyms.setdefault(name, key)
    # a short form of a company's full name ("Kaituo Motion" after "Shenzhen Kaituo Motion Technology Co., Ltd.")
    for short, key in _short_forms(found, gaz).items():
        acronyms.setdefault(short, key)
    # one executive order under two names ("Executive Order 14105", "E.O. 14105")
    orders: dict[str, str] = {}
    for key, c in found.items():
        if (num := ORDER_NUMBER.fullmatch(c.name)) is not None and orders.setdefault(num.group(1), key) != key:
            acronyms.setdefault(c.name, orders[num.group(1)])
    # one section under two names ("Sec. 5949", "Section 5949")
    sections: dict[str, str] = {}
    for key, c in found.items():
        if (num := SECTION_NUMBER.fullmatch(c.name)) is not None and sections.setdefault(num.group(1), key) != key:
            acronyms.setdefault(c.name, sections[num.group(1)])
    # one year's act under two names ("National Defense Authorization Act for Fiscal Year 2025", "FY2025 NDAA")
    for short, key in _law_years(found, gaz).items():
        acronyms.setdefault(short, key)
    # a bare acronym (or the Latin form of a Chinese name) elsewhere in the document is the same name
    for short, key in acronyms.items():
        short_key = normalize_name(short)
        if short_key in found and key in found and found[short_key] is not found[key]:
            other = found.pop(short_key)
            if found[key].type is None:
                found[key].type = other.type
            if other.name not in found[key].aliases:
                found[key].aliases.append(other.name)
            for occ in other.occurrences:
                found[key].occurrences.append(CandidateMention(key, occ.doc, occ.sentence, occ.start, occ.end,
                                                               occ.surface))
    _zh_short_names(doc, found, by_sentence, gaz)
    _initialled_known(found, gaz)
    _family_names(found, mentions, gaz)
    _new_family_names(found)
    _typed_by_siblings(doc, found, typed_spans, pat)
    _named_again(doc, found, by_sentence)
    _known_firm_units(doc, found, gaz)
    _country_prefixed_forms(doc, found, typed_spans)
    return sorted(found.values(), key=lambda c: (c.occurrences[0].sentence, c.occurrences[0].start))


# the last word of a part of an address: "Xinghu Street", "Xinwu District", "Suzhou Industrial Park", "Unit 9"
ADDRESS_END = re.compile(r"(?<![A-Za-z])(?:Street|St|Road|Rd|Avenue|Ave|Lane|Boulevard|Blvd|Highway|Drive|District|"
                         r"Park|Zone|Building|Tower|Plaza|Floor|Room|Suite|Block|Province|County|Town|Township|Village|Estate)"
                         r"\.?$|^(?:Unit|Room|Floor|Suite|Block|Building|No\.)\s+\w+$|^(?:Office|Flat)\s+\d\w*$")


def _register_title(text: str) -> list[tuple[int, int, str, str | None, str, float, str | None]]:
    """The title line of a Federal Register document names the rule (or notice) itself: "Additions to the Entity
    List", "Implementation of Additional Due Diligence Measures for Advanced Computing Integrated Circuits"."""
    a = len(text) - len(text.lstrip())
    b = len(text.rstrip().rstrip("."))
    if b <= a:
        return []
    return [(a, b, text[a:b], "Policy", "the title line of a Federal Register document (above 'AGENCY:')", 0.8, None)]


def _address_part(name: str, pat: Patterns) -> bool:
    """A street, a district, a park, a unit, or a one-word place of patterns.yaml home_places (Suzhou, Jiangsu): a
    part of an address, no firm's or body's name."""
    if ADDRESS_END.search(name):
        return True
    return " " not in name and any(rx.fullmatch(name) for rx in pat.home_places.values())


def _family_names(found: dict[str, Candidate], mentions: list[Mention], gaz: Gazetteer) -> None:
    """"signed by President Trump" after "President Donald Trump": a person named by a family name alone is the one
    known person of that family name the document names in full."""
    by_family: dict[str, set[str]] = {}
    for m in mentions:
        ent = gaz.entities[m.entity]
        if ent.type == "Person" and len(words := ent.name.split()) >= 2:
            by_family.setdefault(words[-1].lower(), set()).add(ent.id)
    for c in found.values():  # "Donald J. Trump", the known Donald Trump by his full name with an initial
        if c.type == "Person" and c.node in gaz.entities and len(words := c.name.split()) >= 2:
            by_family.setdefault(words[-1].lower(), set()).add(c.node)
    for c in found.values():
        if c.type == "Person" and c.node is None and " " not in c.name and c.name.isascii() \
                and len(known := by_family.get(c.name.lower(), set())) == 1:
            c.node = next(iter(known))
            c.reason += f"; the family name of the known {gaz.entities[c.node].name}, whom the document names"


def _new_family_names(found: dict[str, Candidate]) -> None:
    """"Dr. Miriam Holt … Dr. HOLT. … Holt said": a person the document names in full, whom no gazetteer knows, is
    named by the family name alone after that (a Chinese name's family name comes first: "Zhang Quartz … Zhang
    said"); the family name is one more name of that person when only one person of the document bears it (it
    is then read wherever the document writes it again, as _named_again reads a name)."""
    by_family: dict[str, list[Candidate]] = {}
    for c in found.values():
        words = c.name.split()
        if c.type != "Person" or c.node is not None or len(words) < 2 or not c.name.isascii():
            continue
        family = words[0] if words[0] in CN_SURNAMES and all(PINYIN_NAME.fullmatch(w) for w in words[1:]) \
            else words[-1]
        if len(family) >= 3 and LATIN_NAME.fullmatch(family) and family.lower() not in COMMON_CAPITALISED:
            by_family.setdefault(family.lower(), []).append(c)
    for family, owners in by_family.items():
        if len(owners) != 1:
            continue  # two persons of one family name: the name alone is neither's
        owner = owners[0]
        form = next(w for w in owner.name.split() if w.lower() == family)
        alone = found.get(family)  # "HOLT", "Holt": the family name read as a name of its own
        if alone is not None and alone is not owner and alone.type in {None, "Person"}:
            found.pop(family)
            for n in (alone.name, *alone.aliases):
                if n not in owner.aliases:
                    owner.aliases.append(n)
            for occ in alone.occurrences:
                owner.occurrences.append(CandidateMention(owner.key, occ.doc, occ.sentence, occ.start, occ.end,
                                                          occ.surface))
            owner.occurrences.sort(key=lambda o: (o.sentence, o.start))
        if form not in owner.aliases:
            owner.aliases.append(form)


# a middle initial ("Donald J. Trump") or a generational suffix ("Jr.") a known person's name may lack
MIDDLE_INITIALS = re.compile(r"(?<=\s)[A-Z]\.\s+|,?\s+(?:Jr|Sr)\.?$|,?\s+(?:II|III)$")


def _initialled_known(found: dict[str, Candidate], gaz: Gazetteer) -> None:
    """"President Donald J. Trump": a person's name that is a known person's with a middle initial or a suffix is
    that person (only when one known person has the shorter name)."""
    for c in found.values():
        if c.type != "Person" or c.node is not None or not MIDDLE_INITIALS.search(c.name):
            continue
        known = [e for e in gaz.lookup(MIDDLE_INITIALS.sub(" ", c.name).strip()) if e.type == "Person"]
        if len(known) == 1:
            c.node = known[0].id
            c.reason += f"; the known {known[0].name}, with an initial or a suffix"


# what ends a Chinese firm's full name after its own word (艾尔默斯半导体公司 -> 艾尔默斯): the legal form, a seat in
# brackets, the trade words before it, and a place that opens it (深圳市…)
ZH_FIRM_TAIL = re.compile(r"(?:(?:半导体|微电子|电子|科技|技术|信息|智能|新能源|材料|设备|装备|控股|实业|国际|"
                          r"集成电路|通信|存储|光电|精密|工业|制造|系统|芯片|网络|软件)+)?(?:[（(][\u4e00-\u9fff]{2,4}[）)])?"
                          r"(?:股份有限公司|有限责任公司|有限公司|集团有限公司|集团公司|股份公司|公司|集团|株式会社)$")
ZH_FIRM_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,3}[市省]")
ZH_SHORT_AFTER = re.compile(r"[（(]([\u4e00-\u9fff]{2,8})[）)]")
# （下称“华芯鼎新”）, （以下简称"国开金融"）: the short form a document gives a name right after it
ZH_DEFINED_SHORT = re.compile(r"[（(](?:以下简称|以下称|下称|简称)[“\"]?([\u4e00-\u9fff]{2,8})[”\"]?[）)]")


def _zh_short_names(doc: Document, found: dict[str, Candidate], taken_by_sentence: dict[int, list[tuple[int, int]]],
                    gaz: Gazetteer) -> None:
    """A Chinese firm named in full once (艾尔默斯半导体公司, 深圳市蓝海微电子有限公司) is then written by its own
    word alone (艾尔默斯, 蓝海): that word, where no other name stands, is the firm too. Only words of three characters
    or more (or two after a place: 深圳市蓝海…) that the gazetteer does not know and no other firm's name shares."""
    cores: dict[str, Candidate] = {}
    clash: set[str] = set()
    for c in found.values():
        if c.type != "Company" or not HAN.match(c.name) or c.node is not None:
            continue
        tail = ZH_FIRM_TAIL.search(c.name)
        if tail is None:
            continue
        core = c.name[:tail.start()]
        place = ZH_FIRM_PLACE.match(core)
        core = core[place.end():] if place and len(core) - place.end() >= 2 else core
        if len(core) < (2 if place else 3) or not all(HAN.match(ch) for ch in core) or gaz.lookup(core) \
                or core in ZH_COMMON:
            continue
        if core in cores and cores[core] is not c:
            clash.add(core)
        cores[core] = c
    for core in clash:
        del cores[core]
    if not cores:
        return
    spans = {i: list(v) for i, v in taken_by_sentence.items()}
    for c in found.values():
        for o in c.occurrences:
            spans.setdefault(o.sentence, []).append((o.start, o.end))
    # one pass over the document for all the firms' words (a long document names many firms)
    words = re.compile("|".join(re.escape(w) for w in sorted(cores, key=lambda w: (-len(w), w))))
    first = {core: c.occurrences[0].sentence if c.occurrences else 0 for core, c in cores.items()}
    added: set[str] = set()
    for s in doc.sentences:
        if s.kind not in CANDIDATE_SENTENCE_KINDS:
            continue
        for m in words.finditer(s.text):
            core, c = m.group(0), cores[m.group(0)]
            if s.index >= first[core] and _free(m.start(), m.end(), spans.get(s.index, [])):
                c.occurrences.append(CandidateMention(c.key, doc.id, s.index, m.start(), m.end(), core))
                spans.setdefault(s.index, []).append(m.span())
                added.add(core)
    for core in sorted(added):
        c = cores[core]
        c.occurrences.sort(key=lambda o: (o.sentence, o.start))
        if core not in c.aliases:
            c.aliases.append(core)


def _country_prefixed_forms(doc: Document, found: dict[str, Candidate],
                            typed_spans: dict[int, dict[tuple[int, int], str]]) -> None:
    """美国力特公司: a Chinese firm's or body's name written right after its country's name is also named with it
    (the country stays a name of its own, and says whose it is); that written form is another name of it."""
    for c in found.values():
        if c.type not in {"Company", "Organization", "Agency"} or not HAN.match(c.name):
            continue
        for o in c.occurrences:
            text = doc.sentences[o.sentence].text
            country = next((x for (x, y), t in typed_spans.get(o.sentence, {}).items()
                            if t == "Country" and y == o.start and HAN.match(text[x:y])), None)
            form = text[country:o.end] if country is not None else ""
            if form and form not in c.aliases and normalize_name(form) != c.key:
                c.aliases.append(form)


def _named_again(doc: Document, found: dict[str, Candidate], taken_by_sentence: dict[int, list[tuple[int, int]]]
                 ) -> None:
    """A typed name in Latin letters, found once, is the same name wherever the document writes it again, where
    nothing else is read: "Rapidus" opening a sentence (where any word is capitalised and no name is read on its
    own) after "… to Rapidus, a chipmaker"."""
    owners: dict[str, Candidate | None] = {}  # None: a form two names share, neither's
    for c in found.values():
        if c.type is None:
            continue
        for n in [c.name, *c.aliases]:
            if len(n) >= 3 and LATIN_NAME.fullmatch(n) and n.lower() not in COMMON_CAPITALISED:
                owners[n] = c if owners.get(n, c) is c else None
    owned = {n: c for n, c in owners.items() if c is not None}
    if not owned:
        return
    for key in _written_again(doc, owned, _held(found, taken_by_sentence)):
        found[key].occurrences.sort(key=lambda o: (o.sentence, o.start))


def _held(found: dict[str, Candidate], base: dict[int, list[tuple[int, int]]] | None = None
          ) -> dict[int, list[tuple[int, int]]]:
    """Sentence -> the spans read already: ``base``'s and the candidates' occurrences."""
    held: dict[int, list[tuple[int, int]]] = {k: list(v) for k, v in (base or {}).items()}
    for c in found.values():
        for o in c.occurrences:
            held.setdefault(o.sentence, []).append((o.start, o.end))
    return held


def _written_again(doc: Document, owned: dict[str, Candidate], held: dict[int, list[tuple[int, int]]],
                   inside: bool = False, alias: bool = False) -> set[str]:
    """Each place a sentence writes one of ``owned``'s forms again where nothing ``held`` crosses it (``inside``:
    spans within it do not count) becomes an occurrence of its owner (``alias``: the form one of its aliases too).
    The keys of the owners that grew."""
    names = re.compile(r"(?<![\w\-])(?:" + "|".join(re.escape(n) for n in sorted(owned, key=lambda n: (-len(n), n)))
                       + r")(?![\w\-])")
    grown: set[str] = set()
    for s in doc.sentences:
        if s.kind not in CANDIDATE_SENTENCE_KINDS:
            continue
        for m in names.finditer(s.text):
            a, b = m.span()
            if any(x < b and a < y and not (inside and a <= x < y <= b) for x, y in held.get(s.index, [])):
                continue
            c = owned[m.group(0)]
            c.occurrences.append(CandidateMention(c.key, doc.id, s.index, a, b, m.group(0)))
            held.setdefault(s.index, []).append((a, b))
            if alias and m.group(0) not in c.aliases:
                c.aliases.append(m.group(0))
            grown.add(c.key)
    return grown


# a firm's legal form at the end of its name ("Corporation", "Co., Ltd.")
LEGAL_TAIL = re.compile(rf"(?:,?\s+(?:{EN_SUFFIX}|Corporation|Company|Incorporated)\.?)+$")


# the next member of a Chinese 、-list (、冶炼分离): up to the next joint, 等, 相关 or a clause's end
ZH_LIST_NEXT = re.compile(r"(?:、|以及|和|及|与)([\u4e00-\u9fff]{2,8}?)(?=、|以及|和|及|与|等|相关|[，。；：:）)]|$)")


def _segment_list(text: str, known: dict[tuple[int, int], str],
                  found_here: list[tuple[int, int, str, str | None, str, float, str | None]], gaz: Gazetteer
                  ) -> list[tuple[int, int, str, str | None, str, float, str | None]]:
    """稀土开采、冶炼分离、磁材制造和二次资源回收利用: the members of a 、-list after a known chain segment are segments
    too (steps are verbs to the tagger, so the noun lists do not reach them); one the gazetteer knows under the first
    member's field word (冶炼分离: 稀土冶炼分离) is that segment."""
    out: list[tuple[int, int, str, str | None, str, float, str | None]] = []
    taken = [(a, b) for a, b, *_ in found_here] + list(known)
    for (x, y), t in sorted(known.items()):
        if t != "ChainSegment" or text[y:y + 1] != "、":
            continue
        pos = y
        while (m := ZH_LIST_NEXT.match(text, pos)) is not None:
            a, b = m.span(1)
            pos = b
            if any(p < b and a < q for p, q in taken) or text[a:b] in ZH_COMMON:
                continue  # (a member read already: the gazetteer's or another reading's)
            field = next((text[x:x + k] + text[a:b] for k in (2, 3) if y - x > k
                          and any(e.type == "ChainSegment" for e in gaz.lookup(text[x:x + k] + text[a:b]))), None)
            out.append((a, b, text[a:b], "ChainSegment", f"listed after the chain segment {text[x:y]!r}", 0.5, field))
            taken.append((a, b))
    return out


def _known_firm_units(doc: Document, found: dict[str, Candidate], gaz: Gazetteer) -> None:
    """"TSMC Arizona" after "TSMC Arizona Corporation": a firm whose name opens with a known firm's name is that
    firm wherever the document writes its name without the legal form (there the known firm's name only opens it)."""
    owners: dict[str, Candidate | None] = {}
    for c in found.values():
        tail = LEGAL_TAIL.search(c.name) if c.type == "Company" and c.node is None else None
        words = c.name[:tail.start()].split() if tail is not None else []
        if len(words) >= 2 and any(e.type == "Company" for k in range(1, len(words))
                                   for e in gaz.lookup(" ".join(words[:k]))):
            short = " ".join(words)
            owners[short] = c if owners.get(short, c) is c else None
    owned = {n: c for n, c in owners.items() if c is not None}
    if not owned:
        return
    # (a name read inside it, "Arizona" alone, is only part of it)
    _written_again(doc, owned, _held(found), inside=True, alias=True)
    for c in owned.values():
        c.occurrences.sort(key=lambda o: (o.sentence, o.start))


LATIN_NAME = re.compile(r"[A-Z][\w.&'’\- ]*")
# capitalised words that open sentences as often as they name anything
COMMON_CAPITALISED = {"the", "this", "that", "these", "those", "its", "their", "our", "we", "it", "they", "new",
                      "china", "chinese", "american", "u.s.", "us"}


# what joins the names of one list: ", ", " and ", ", and ", "、", "和" (an optional bracketed form before it)
SIBLING_JOIN = re.compile(r"\s*(?:[（(][^（）()]{1,40}[)）])?\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|[、和及与])"
                          r"\s*(?:the\s+)?")
SIBLING_TYPES = {"Company", "Person", "Organization", "Agency"}


def _typed_by_siblings(doc: Document, found: dict[str, Candidate], typed_spans: dict[int, dict[tuple[int, int], str]],
                       pat: Patterns) -> None:
    """A name whose type nothing states, listed with names of one type ("BGI, MGI Tech and Complete Genomics",
    "Sojitz and Lynas", 隆基绿能、晶科能源): that type. Every name next to it in the list (before and after)
    must be of that type, a firm, a person, a body or an agency; the parts of an address after a firm's name
    ("…, 88 Xinghu Street, Suzhou Industrial Park, Suzhou, Jiangsu") are not."""
    spans: dict[int, list[tuple[int, int, str]]] = {k: [(a, b, t) for (a, b), t in v.items()]
                                                    for k, v in typed_spans.items()}
    for c in found.values():
        if c.type is not None:
            for o in c.occurrences:
                spans.setdefault(o.sentence, []).append((o.start, o.end, c.type))
    untyped = [c for c in found.values() if c.type is None and c.node is None and not _address_part(c.name, pat)]
    while untyped:  # "Brainstone, Veltrix and Lynas": Veltrix first, then Brainstone beside it
        typed = []
        for c in untyped:
            for o in c.occurrences:
                text = doc.sentences[o.sentence].text
                near = [t for a, b, t in spans.get(o.sentence, [])
                        if (b <= o.start and SIBLING_JOIN.fullmatch(text[b:o.start])) or
                        (a >= o.end and SIBLING_JOIN.fullmatch(text[o.end:a]))]
                if near and len(set(near)) == 1 and near[0] in SIBLING_TYPES:
                    c.type, c.confidence = near[0], 0.5
                    c.reason = f"listed with names of one type ({near[0]})"
                    typed.append(c)
                    break
        for c in typed:
            for o in c.occurrences:
                spans.setdefault(o.sentence, []).append((o.start, o.end, str(c.type)))
        untyped = [c for c in untyped if c.type is None] if typed else []


KNOWN_ACRONYM = re.compile(r"\s*[(（]\s*[\"“]?([A-Z][A-Za-z]{1,9})[\"”]?\s*[)）]")


def _known_acronyms(doc: Document, mentions: list[Mention], found: dict[str, Candidate], gaz: Gazetteer) -> None:
    """"Minerals Security Partnership (MSP)": an acronym the gazetteer lacks, defined right after a known name whose
    capitalised words it spells, is that known entity's short form in this document."""
    for m in mentions:
        s = doc.sentences[m.sentence]
        am = KNOWN_ACRONYM.match(s.text, m.p_end - s.p_start)
        if am is None:
            continue
        cand = found.get(normalize_name(am.group(1)))
        if cand is None or cand.node is not None:
            continue
        surface = s.text[m.p_start - s.p_start:m.p_end - s.p_start]
        initials = "".join(w[0] for w in surface.split() if w[:1].isupper())
        if len(initials) >= 2 and initials == re.sub(r"[^A-Z]", "", am.group(1)):
            ent = gaz.entities[m.entity]
            cand.node, cand.type = ent.id, ent.type
            cand.reason = f"an acronym defined after the known {ent.name}"


def _known_short_titles(doc: Document, mentions: list[Mention], found: dict[str, Candidate], gaz: Gazetteer) -> None:
    """《办法》, 《条例》 after 《生成式人工智能服务管理暂行办法》, 《目录》 after a catalogue's title: a title in 《》
    that is the end of a known measure's title named before it in the document is that measure's short title,
    not a measure of its own."""
    for cand in found.values():
        if cand.node is not None or cand.type not in {"Policy", "Law"} or not HAN.search(cand.name) \
                or len(cand.name) > 6 or not cand.occurrences:
            continue
        first = cand.occurrences[0]
        earlier = {m.entity for m in mentions if (m.sentence, m.p_start) < (first.sentence, doc.sentences[
            first.sentence].p_start + first.start) and gaz.entities[m.entity].type in {"Policy", "Law", "Instrument"}
            and gaz.entities[m.entity].name_zh.endswith(cand.name) and gaz.entities[m.entity].name_zh != cand.name}
        if len(earlier) == 1:
            ent = gaz.entities[next(iter(earlier))]
            cand.node, cand.type = ent.id, ent.type
            cand.reason += f"; the short title of the known {ent.name} named before it"


# "X, a.k.a. Y; a.k.a. Z", "X (also known as Y)", "X, formerly known as Y": Y and Z are other names of X
AKA = re.compile(r"\.?\s*[,;(（]?\s*(?:a\.k\.a\.?|aka|also\s+known\s+as|f\.k\.a\.?|formerly\s+known\s+as|d/b/a|"
                 r"doing\s+business\s+as)\s*[:,]?\s*(?:the\s+)?[\"“']?", re.IGNORECASE)


def _also_known_as(text: str, found: list[tuple[int, int, str, str | None, str, float, str | None]]) -> dict[
        str, str]:
    """Alias -> the name it is another name of, in one sentence: each name right after "a.k.a." (or "also known
    as", "formerly known as", "d/b/a") after a name or after another alias of it."""
    out: dict[str, str] = {}
    ordered = sorted(found, key=lambda f: f[0])
    owner: str | None = None
    for (_, b1, n1, *_), (a2, _, n2, *_) in itertools.pairwise(ordered):
        if AKA.fullmatch(text, b1, a2):
            owner = owner if owner is not None and n1 in out else n1
            out[n2] = owner
        else:
            owner = None
    return out


# a table row's first cell; a header that says its rows are fields of industry; the rule under a header
TABLE_FIRST_CELL = re.compile(r"^\s*\|([^|]*)\|")
TABLE_FIELD_HEAD = re.compile(r"环节|领域|行业|产业|segments?|sectors?|industr(?:y|ies)|fields?", re.IGNORECASE)
# a header cell that names a field column: the field word alone, or a short header ending in it (主要业务领域, 所属行业,
# "Main sector")
TABLE_FIELD_HEADER = re.compile(r"(?:[\u4e00-\u9fff]{0,6}|(?:[A-Za-z]+\s+){0,2})(?:" + TABLE_FIELD_HEAD.pattern + ")",
                                re.IGNORECASE)
# a row of three or more cells between full-width bars, none at its ends (序号｜中文名称｜主要业务领域)
BARE_TABLE_ROW = re.compile(r"^[^｜|\n]+(?:｜[^｜|\n]*){2,}$")
# the fields a cell lists (导弹、火箭炮系统; "radar, avionics")
CELL_PARTS = re.compile(r"\s*(?:[、，,;；/]|(?<![A-Za-z])(?:and|or)(?![A-Za-z])|和|及)\s*")
TABLE_RULE_LINE = re.compile(r"\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*")


def _initialled(text: str, found: tuple[int, int, str, str | None, str, float, str | None],
                known: dict[tuple[int, int], str]) -> tuple[int, int, str, str | None, str, float, str | None]:
    """"Gina M." right before a known person's surname ("Raimondo"): one name, "Gina M. Raimondo", another form of
    the known person (the surname is passed on as the form that names it)."""
    a, b, name, typ, reason, conf, _ = found
    gap = INITIAL_GAP.match(text, b) if typ == "Person" and ENDS_WITH_INITIAL.search(name) else None
    if gap is None:
        return found
    known_at = next(((x, y) for (x, y), t in known.items() if x == gap.end() and t == "Person"), None)
    if known_at is None:
        return found
    x, y = known_at
    return (a, y, text[a:y], typ, reason, conf, text[x:y])


def _latin_forms_whole(found: list[tuple[int, int, str, str | None, str, float, str | None]], text: str) -> list[
        tuple[int, int, str, str | None, str, float, str | None]]:
    """A Chinese name's Latin form in the brackets after it is one name, that name's other form: the pieces the
    English reading cuts it into at "and", "&" or a comma ("Lockheed Martin Missiles" and "Fire Control" of
    洛克希德·马丁导弹与火控公司（Lockheed Martin Missiles and Fire Control）) are not names of their own."""
    forms = []
    for _, b, name, _, _, _, latin in found:
        if latin and HAN.search(name):
            k = text.find(latin, b, b + len(latin) + 4)
            if k >= 0:
                forms.append((k, k + len(latin)))
    if not forms:
        return found
    return [f for f in found if not any(x <= f[0] and f[1] <= y and (f[0], f[1]) != (x, y) for x, y in forms)]


ENDS_WITH_INITIAL = re.compile(r"(?:^|\s)[A-Z]\.?$")
INITIAL_GAP = re.compile(r"\.?\s+")


def _table_cells(text: str) -> list[tuple[int, int]] | None:
    """The spans of a table row's cells, without their spaces, or None: a Markdown row ("| a | b |"), or a row of
    cells between full-width bars with no bar at its ends, as Chinese notices set their annexes (序号｜名称｜领域)."""
    if TABLE_FIRST_CELL.match(text) and text.rstrip().endswith("|"):
        bars = [m.start() for m in re.finditer(r"\|", text)]
    elif BARE_TABLE_ROW.match(text):
        bars = [-1, *(m.start() for m in re.finditer("｜", text)), len(text)]
    else:
        return None
    out = []
    for x, y in itertools.pairwise(bars):
        a, b = x + 1, y
        a += len(text[a:b]) - len(text[a:b].lstrip())
        b -= len(text[a:b]) - len(text[a:b].rstrip())
        out.append((a, max(a, b)))
    return out


# a person's entry in a sanctions list: "7. CHEN, Zhiqiang (Chinese Simplified: …), Shenzhen, …; DOB …; (individual)
# [NPWMD]" (the surname in capitals, a comma, the given names)
LISTED_PERSON = re.compile(r"^(?:\d{1,3}\.\s+)?([A-Z][A-Z'’\-]+(?:\s[A-Z][A-Z'’\-]+){0,2}),\s+"
                           r"([A-Z][a-z'’\-]+(?:\s[A-Z][a-z'’\-]+){0,3})(?=\s*[,(;])")
LISTED_INDIVIDUAL = re.compile(r"\(individual\)")


def _listed_person(text: str, taken: list[tuple[int, int]]) -> tuple[int, int, str, str | None, str, float,
                                                                     str | None] | None:
    """The person a sanctions list's entry names, as "Zhiqiang Chen" is written "CHEN, Zhiqiang" there (an entry
    that says "(individual)"); the name in its usual order, given names first."""
    m = LISTED_PERSON.match(text)
    if m is None or not LISTED_INDIVIDUAL.search(text) or not _free(m.start(1), m.end(2), taken):
        return None
    surname = " ".join(w.capitalize() for w in m.group(1).split())
    # (a Chinese name keeps its own order, the surname first: "CHEN, Zhiqiang" is Chen Zhiqiang)
    name = f"{surname} {m.group(2)}" if surname in CN_SURNAMES and " " not in m.group(2) else f"{m.group(2)} {surname}"
    return (m.start(1), m.end(2), name, "Person",
            "a person's entry in a sanctions list (SURNAME, given names; individual)", 0.75, None)


# a table cell that is one Chinese firm's name: Han characters (a Latin part or a middle dot inside), ending in its
# legal form
CELL_FIRM = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z0-9·&]{1,28}"
                       r"(?:股份有限公司|有限责任公司|有限公司|集团公司|公司|集团)")


def _cell_firms(text: str, cells: list[tuple[int, int]], taken: list[tuple[int, int]],
                found: list[tuple[int, int, str, str | None, str, float, str | None]]) -> list[
        tuple[int, int, str, str | None, str, float, str | None]]:
    """A cell that holds one firm's name whole (1｜克拉托斯防务与安全解决方案公司｜…): the cell is the name, whatever
    shorter names were read inside it (安全解决方案公司, where 与 read as a conjunction)."""
    out = list(found)
    for a, b in cells:
        if not CELL_FIRM.fullmatch(text, a, b) or not _free(a, b, taken):
            continue
        out = [f for f in out if not (a <= f[0] and f[1] <= b)]
        out.append((a, b, text[a:b], "Company", "a table cell that is a firm's whole name", 0.65, None))
    return out


def _table_field(text: str, span: tuple[int, int], column: str, taken: list[tuple[int, int]],
                 found: list[tuple[int, int, str, str | None, str, float, str | None]]) -> list[
        tuple[int, int, str, str | None, str, float, str | None]]:
    """The field a table row names in its cell under a header such as 环节 or Sector (| 制造 | … |, | 金力永磁 | 江西
    | 磁体制造 |): a chain segment or a sector, unless the cell is a total, a number, or a name already found."""
    a, b = span
    out: list[tuple[int, int, str, str | None, str, float, str | None]] = []
    kind = "ChainSegment" if re.search(r"环节|segment", column, re.IGNORECASE) else "Sector"
    # each field the cell lists (导弹、火箭炮系统), or the whole cell
    cuts = [m for m in CELL_PARTS.finditer(text, a, b) if m.end() > m.start()]
    bounds = [a, *(x for m in cuts for x in (m.start(), m.end())), b]
    for x, y in zip(bounds[::2], bounds[1::2], strict=True):
        cell = text[x:y]
        if not 2 <= len(cell) <= 24 or re.search(r"\d|合计|总计|其他|其它|total|other|—", cell, re.IGNORECASE) \
                or not _free(x, y, taken) or any(p < y and x < q for p, q, *_ in found):
            continue
        out.append((x, y, cell, kind, f"a table's row names it in the column {column!r}", 0.5, None))
    return out


def _country_agencies(s: Sentence, mentions: list[Mention], gaz: Gazetteer) -> list[
        tuple[int, int, str, str | None, str, float, str | None]]:
    """中国商务部, 日本经济产业省: a known agency with its own country's name right before it is one name, another form
    of the known agency (the gazetteer finds the two apart)."""
    if not HAN.search(s.text):
        return []
    spans = sorted(((m.p_start - s.p_start, m.p_end - s.p_start, gaz.entities[m.entity]) for m in mentions),
                   key=lambda t: (t[0], -t[1]))
    out: list[tuple[int, int, str, str | None, str, float, str | None]] = []
    for a, b, country in spans:
        if country.type != "Country" or not country.properties.get("iso2"):
            continue
        for c, d, agency in spans:
            if c == b and agency.type == "Agency" and HAN.search(s.text[c:d]) \
                    and str(agency.properties.get("country")) == str(country.properties["iso2"]):
                out.append((a, d, s.text[a:d], "Agency", "a known agency with its country's name before it", 0.7,
                            agency.name))
    return out


ROMAN = re.compile(r"[IVX]{1,5}")
# a phase after a programme's name: 大基金三期, 二期, "Big Fund III", "… Fund Phase III"
PHASE_AFTER = re.compile(r"第?[一二三四五六七八九]期"
                         r"|[ \u00a0]+(?:Phase[ \u00a0]+)?(?:I{1,3}|IV|VI{0,3}|[1-6])(?![\w-])")


def _phases(s: Sentence, mentions: list[Mention], gaz: Gazetteer) -> list[
        tuple[int, int, str, str | None, str, float, str | None]]:
    """A known programme's name with a phase after it (大基金三期, "Big Fund III"): a programme of its own, the
    phase, which the gazetteer may lack though it knows the programme."""
    out: list[tuple[int, int, str, str | None, str, float, str | None]] = []
    for m in mentions:
        e = gaz.entities[m.entity]
        a, b = m.p_start - s.p_start, m.p_end - s.p_start
        if e.type == "Programme" and (ph := PHASE_AFTER.match(s.text, b)) is not None:
            out.append((a, ph.end(), s.text[a:ph.end()], "Programme", f"a phase of the known {e.name}", 0.7, None))
    return out


# the words a company's full name adds to its short name: its legal form and generic words ("Huawei Technologies
# Co., Ltd.", "Tencent Holdings", 华为技术有限公司, 中国电信集团有限公司)
FIRM_FORM_EN = re.compile(r"(?:,?\s+(?:Technologies|Technology|Holdings?|Group|Co\.|Company|Ltd\.?|Limited|Inc\.?|"
                          r"Incorporated|Corporation|Corp\.?|PLC|plc|N\.V\.?|AG|SE|S\.A\.?|K\.K\.?))+")
# a legal form proper (not a generic word), which a known firm's name may have after it: "SK hynix Inc."
LEGAL_FORM_EN = re.compile(r"(?:,?\s+(?:Holdings?|Group|Co\.|Company|Ltd|Limited|Inc|Incorporated|Corporation|Corp|PLC|"
                           r"N\.V|AG|SE|S\.A|K\.K)(?![\w\-]))*,?\s+(?:Ltd|Limited|Inc|Incorporated|Corporation|Corp|"
                           r"PLC|N\.V|AG|SE|S\.A|K\.K|Co\.,?\s+Ltd)(?![\w\-])")


def _known_firm_legal_forms(s: Sentence, mentions: list[Mention], gaz: Gazetteer,
                            found: list[tuple[int, int, str, str | None, str, float, str | None]]) -> list[
        tuple[int, int, str, str | None, str, float, str | None]]:
    """"SK hynix Inc.", "ASML Holding N.V.": a known company's name with a legal form after it, where no candidate
    holds those words, is that company (its full name)."""
    out: list[tuple[int, int, str, str | None, str, float, str | None]] = []
    held = [(a, b) for a, b, *_ in found]
    for m in mentions:
        ent = gaz.entities[m.entity]
        a, b = m.p_start - s.p_start, m.p_end - s.p_start
        if ent.type != "Company" or (form := LEGAL_FORM_EN.match(s.text, b)) is None:
            continue
        end = form.end()
        if any(x < end and b < y for x, y in held):
            continue
        out.append((a, end, s.text[a:end], "Company", f"the known {ent.name} with its legal form", 0.8, ent.name))
    return out


# "TSMC Arizona", "Nexperia China", "Intel Foundry", 台积电日本: a known firm's name and a place (or a unit's word)
# right after it name the firm's unit there
UNIT_WORDS_EN = ("Foundry", "Foundries", "Cloud", "Capital", "Ventures")
UNIT_AFTER_EN = re.compile(r" ([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?![\w\-])(?! [A-Z])")
UNIT_END_ZH = re.compile(r"$|[的，。、；：（(“”\"》\s]|有限|公司")


def _known_firm_units_here(s: Sentence, mentions: list[Mention], gaz: Gazetteer, pat: Patterns,
                           known: dict[tuple[int, int], str],
                           found: list[tuple[int, int, str, str | None, str, float, str | None]]) -> list[
        tuple[int, int, str, str | None, str, float, str | None]]:
    """"TSMC Arizona", "Nexperia China", "Intel Foundry", 台积电日本的工厂: a known company's name with a place (a
    country or a city the patterns know) or a unit's word right after it is a firm of its own, the known one's unit
    there; a name found inside it ("Arizona" as a part of an address) is only part of it. In Chinese the country's
    name must end the word, before 的, punctuation or a legal form (英伟达中国市场 is a market, not a firm; nor is
    英特尔中国宣布…, where the words run on)."""
    out: list[tuple[int, int, str, str | None, str, float, str | None]] = []
    for m in mentions:
        ent = gaz.entities[m.entity]
        a, b = m.p_start - s.p_start, m.p_end - s.p_start
        if ent.type != "Company":
            continue
        end = None
        if HAN.match(s.text, b):
            place = next((y for (x, y), t in known.items() if x == b and t == "Country" and y - x >= 2), None)
            if place is not None and UNIT_END_ZH.match(s.text, place):
                end = place
        elif (w := UNIT_AFTER_EN.match(s.text, b)) is not None:
            word = w.group(1)
            if word in UNIT_WORDS_EN or known.get((b + 1, w.end())) == "Country" or \
                    any(rx.fullmatch(word) for rx in pat.home_places.values()):
                end = w.end()
        if end is None or gaz.lookup(s.text[a:end]) or any(
                x < end and a < y and not (a <= x and y <= end and t is None) for x, y, _, t, *_ in found):
            continue
        out.append((a, end, s.text[a:end], "Company", f"the known {ent.name} and a place or a unit's word after it",
                    0.6, None))
    return out


FIRM_FORM_ZH = re.compile(r"(?:[（(]中国[)）])?(?:信息技术|技术|科技|集团|控股|股份|有限责任公司|有限公司|公司)+")


def _known_firm_form(s: Sentence, f: tuple[int, int, str, str | None, str, float, str | None],
                     mentions: list[Mention], gaz: Gazetteer) -> tuple[int, int, str, str | None, str, float,
                                                                          str | None]:
    """A candidate company that is a known company's name with only its legal form and generic words added is that
    company (its full name): "Tencent Holdings"; 华为技术有限公司, where the gazetteer reads 华为 and leaves
    技术有限公司."""
    start, end, name, typ, _, conf, acr = f
    if (typ != "Company" and not (typ is None and FIRM_FORM_EN.fullmatch(" " + name))) or acr:
        return f  # ("Holdings" of "Tencent Holdings of China": a legal form alone, after the known name)
    for m in mentions:
        ent = gaz.entities[m.entity]
        if ent.type != "Company":
            continue
        a, b = m.p_start - s.p_start, m.p_end - s.p_start
        rest = s.text[b:end]
        form = FIRM_FORM_ZH if HAN.search(rest[:1]) else FIRM_FORM_EN
        after = b <= start and not s.text[b:start].strip()
        if (after or (a == start and b < end)) and rest and form.fullmatch(rest):
            return (a, end, s.text[a:end], "Company", f"the known {ent.name} with its legal form", max(conf, 0.8),
                    ent.name)
        if start < a and b < end and ZH_SEAT_PREFIX.fullmatch(s.text, start, a) and rest and form.fullmatch(rest):
            # 深圳市海思半导体有限公司: the seat, the known 海思, the trade words and the legal form
            return (start, end, s.text[start:end], "Company", f"the known {ent.name} with its seat and legal form",
                    max(conf, 0.8), ent.name)
    return f


ACRONYM_ONLY = re.compile(r"[A-Z][A-Z0-9&.\-]{1,9}")
BRACKET_CLOSE = re.compile(r"\s*(?:[,，、;；]\s*[^（()）]{1,20})?\s*[)）]")
BODIES = {"Agency", "Organization"}
NAMED_FORMS = {"Agency", "Organization", "Company"}  # what a name of no stated type in brackets may be another form of


def _bracketed_form_of(s: Sentence, start: int, end: int, typ: str | None, mentions: list[Mention],
                       gaz: Gazetteer) -> Entity | None:
    """The known entity a name in brackets right after it is another form of: 中国外交部（Ministry of Foreign
    Affairs，MFA）, "the Ministry of Commerce (商务部)": the name fills the brackets (an acronym may follow it) and
    its type agrees with the known one's (an agency and a body may be either)."""
    before = s.text[:start].rstrip()
    if not before.endswith(("(", "（")) or BRACKET_CLOSE.match(s.text, end) is None:
        return None
    at = len(before) - 1
    for m in mentions:
        end = m.p_end - s.p_start
        if end <= at and s.text[end:at].strip() == "":
            ent = gaz.entities[m.entity]
            if ent.type == typ or (typ is None and ent.type in NAMED_FORMS) or {typ, ent.type} <= BODIES:
                return ent
    return None


def _known_form(gaz: Gazetteer, latin: str, typ: str | None) -> Entity | None:
    """The one known entity a name's bracketed Latin form names, if its type agrees with the name's."""
    found = [e for e in gaz.lookup(latin) if typ is None or e.type == typ]
    return found[0] if len(found) == 1 else None


# a term the text defines for what it names: （以下简称对美加征关税）, （下称《条例》）, (hereinafter "the Rule"),
# (the "Covered Entities"); what it stands for is the name just before the bracket, or the clause it ends
DEFINED_TERM = re.compile(
    r"[（(]\s*(?:(?P<pre>[^（()）]{1,60}?)[，,；;]\s*(?=以下简称|以下称|下称|简称|hereinafter))?(?:以下简称|以下称|下称|简称|hereinafter(?:\s+referred\s+to\s+as)?|collectively(?:,)?|the)?\s*[:：]?\s*"
    r"(?:the\s+)?[“\"《]?(?P<term>[^（()）“”\"《》,，。;；]{2,40}?)[”\"》]?\s*[）)]", re.IGNORECASE)
# a Latin name or acronym of a Chinese name, in its bracket before a defined term
LATIN_FORM = re.compile(r"[A-Z][A-Za-z0-9&.\-]*(?:\s+[A-Za-z0-9&.\-]+){0,6}")
DEFINED_MEASURE_ENDS = ("管制", "规则", "新规", "禁令", "制裁", "限制", "措施", "要求", "许可")
DEFINED_MEASURE_CLAUSE = re.compile(r"管制|规则|禁令|制裁|限制|措施|许可")
DEFINED_CUE = re.compile(r"以下简称|以下称|下称|简称|hereinafter|[“\"]")
DEFINED_TYPES = {"Law", "Policy", "Instrument", "Programme", "Agency", "Organization", "Company", "Sector"}


def _defined_terms(doc: Document, taken_by_sentence: dict[int, list[tuple[int, int]]], found: dict[str, Candidate],
                   acronyms: dict[str, str], gaz: Gazetteer, pat: Patterns) -> None:
    """A defined term names what it is defined for everywhere after the definition (a firm's, anywhere in the
    document): an alias of the candidate just before the bracket, or (after a clause such as
    对原产于美国的部分进口商品加征关税) a name of its own, typed by its head word. Each later use of the term is an
    occurrence of that candidate."""
    terms: dict[str, tuple[str, int]] = {}  # term -> (candidate key, sentence index of the definition)
    brackets: set[tuple[int, int]] = set()  # (sentence, start) of each term inside its own definition
    for s in doc.sentences:
        if s.kind not in CANDIDATE_SENTENCE_KINDS:
            continue
        for m in DEFINED_TERM.finditer(s.text):
            term = re.sub(r"^(?:the|The)\s+", "", m.group("term").strip())
            if not DEFINED_CUE.search(m.group(0)) and not _short_of_name_before(s, m, term, found):
                continue
            at = (s.index, m.start("term") + m.group("term").index(term))
            # (the name right before the bracket; "Meridian Wafer Systems, Inc. ("Meridian")": past its legal form's
            # period too)
            before = [c for c in found.values() for o in c.occurrences
                      if o.sentence == s.index and (0 <= m.start() - o.end <= 1 or s.text[o.end:m.start()] == ". ")]
            known = gaz.lookup(term)
            if len(known) == 1 and before and before[0].node is None and before[0].type == known[0].type:
                # 海光信息技术股份有限公司（以下简称"海光信息"）: a known firm's full name, defining its short name
                before[0].node = known[0].id
                before[0].reason += f"; it defines the known {known[0].name}'s name {term!r}"
            if known or len(term) < 2 or (term.isascii() and not term[:1].isupper()):
                continue
            if before and before[0].type in DEFINED_TYPES:
                owner = before[0]
                if term not in owner.aliases and normalize_name(term) != owner.key:
                    owner.aliases.append(term)
                acronyms.setdefault(term, owner.key)
                pre = (m.group("pre") or "").strip()
                brackets.add(at)  # the owner's name just before stands for it in its own definition
                if LATIN_FORM.fullmatch(pre) and pre not in owner.aliases:
                    # （BMWK，下称"经济部"）: the Latin form before the defined term is the name's too
                    owner.aliases.append(pre)
                    acronyms.setdefault(pre, owner.key)
                # a firm's short name is the firm's anywhere in the document: a list may use it an item before the
                # item that defines it ("…resold them to Harbourline." above "Harbourline Components Limited
                # (Harbourline)")
                terms[term] = (owner.key, 0 if owner.type in SHORT_FORM_TYPES else s.index)
                continue
            if any(0 <= m.start() - y <= 1 for _, y in taken_by_sentence.get(s.index, [])):
                continue  # a known name's own short form: the gazetteer's business, not a new name
            typ = next((t for e, t in pat.heads_zh if term.endswith(e)), None) if HAN.search(term) else \
                pat.heads_en.get(term.split()[-1].rstrip(".").capitalize())
            if typ is None and HAN.search(term) and term.endswith(DEFINED_MEASURE_ENDS) and \
                    DEFINED_MEASURE_CLAUSE.search(s.text[max(0, m.start() - 40):m.start()]):
                typ = "Policy"  # 将…纳入出口管制（下称"23品类管制"）: a short name for the measure just described
            if typ not in DEFINED_TYPES:
                continue
            key = normalize_name(term)
            cand = found.get(key)
            if cand is None:
                cand = found[key] = Candidate(key, term, typ, "a term the text defines (以下简称 / hereinafter)",
                                              0.7)
            elif cand.type is None:
                cand.type = typ
            terms[term] = (key, s.index)
    where = _places(doc, set(terms))
    for term, (key, first) in terms.items():
        cand = found[key]
        have = {(o.sentence, o.start) for o in cand.occurrences}
        for si, a, b in where.get(term, []):
            if si < first:
                continue
            s = doc.sentences[si]
            # a known name inside the term (美 in 对美加征关税) is part of it; one across its edge is not
            crossing = [(x, y) for x, y in taken_by_sentence.get(s.index, [])
                        if x < b and a < y and not (a <= x and y <= b and (x, y) != (a, b))]
            if (s.index, a) in have or (s.index, a) in brackets or crossing:
                continue
            if term.isascii() and (s.text[a - 1:a].isalnum() or s.text[b:b + 1].isalnum()):
                continue
            if term.isascii() and any(o.sentence == s.index and o.start <= a and b <= o.end
                                      and (o.start, o.end) != (a, b) and other.type is not None
                                      for other in found.values() if other is not cand for o in other.occurrences):
                continue  # "Hanxin" inside "Hanxin Microelectronics (Wuxi) Co., Ltd.": a longer firm's name it opens
            cand.occurrences.append(CandidateMention(key, doc.id, s.index, a, b, term))
            # the words of the term, read as a shorter or a longer name of something else, are this term
            for other in found.values():
                if other is not cand:
                    other.occurrences = [o for o in other.occurrences if not (
                        o.sentence == s.index and a < o.end and o.start < b)]
        cand.occurrences.sort(key=lambda o: (o.sentence, o.start))
    for k in [k for k, c in found.items() if not c.occurrences]:
        del found[k]


SHORT_FORM_TYPES = {"Company", "Organization"}


def _places(doc: Document, words: set[str]) -> dict[str, list[tuple[int, int, int]]]:
    """Where each of these words stands in the document's candidate sentences, in one pass over them: word ->
    (sentence, start, end) in the document's order, a word's places not overlapping each other in a sentence (as
    a search for it alone finds them). A search per word per sentence grew with the square of a long document's
    length."""
    where: dict[str, list[tuple[int, int, int]]] = {}
    if not words:
        return where
    ends = sorted({len(w) for w in words})
    firsts = {w[0] for w in words}
    for s in doc.sentences:
        if s.kind not in CANDIDATE_SENTENCE_KINDS:
            continue
        text = s.text
        last_end: dict[str, int] = {}
        for i, ch in enumerate(text):
            if ch in firsts:
                for n in ends:
                    w = text[i:i + n]
                    if w in words and i >= last_end.get(w, 0):
                        where.setdefault(w, []).append((s.index, i, i + n))
                        last_end[w] = i + n
    return where


def _short_of_name_before(s: Sentence, m: re.Match[str], term: str, found: dict[str, Candidate]) -> bool:
    """江苏省集成电路产业投资基金（省集成电路基金）: a Chinese term in brackets right after a name, its characters
    taken in order from the name and ending as the name does, is the name's short form, with no 简称 before it."""
    if not (HAN.match(term) and len(term) >= 3 and all(HAN.match(ch) for ch in term)):
        return False
    for c in found.values():
        if c.type in DEFINED_TYPES and HAN.match(c.name) and len(c.name) > len(term) and c.name[-1] == term[-1] and \
                any(o.sentence == s.index and o.end == m.start() for o in c.occurrences):
            rest = iter(c.name)
            return all(ch in rest for ch in term)
    return False
TAIL_TYPES = {"Instrument", "Policy", "Law", "Agency", "Programme", "Organization"}
MEASURE_TYPES = {"Instrument", "Policy", "Law"}


def _tail_names(doc: Document, mentions: list[Mention], taken_by_sentence: dict[int, list[tuple[int, int]]],
                found: dict[str, Candidate], acronyms: dict[str, str], gaz: Gazetteer, pat: Patterns) -> None:
    """A Chinese name's last words, standing alone after it, are that name: 管控名单 after 出口管制管控名单,
    工作机制 after 不可靠实体清单工作机制, 若干措施 after 关于…的若干措施. The tail starts at a word of the name,
    has four characters or more and ends in a head of the name's type; a tail two names of the document share
    is neither's."""
    names: dict[str, tuple[str, str, bool, int]] = {}  # surface -> (ref, type, known, first sentence)
    for men in mentions:
        s = doc.sentences[men.sentence]
        surface = s.text[men.p_start - s.p_start:men.p_end - s.p_start]
        if len(surface) >= 6 and HAN.match(surface) and surface not in names:
            names[surface] = (men.entity, gaz.entities[men.entity].type, True, men.sentence)
    for c in found.values():
        if c.type in TAIL_TYPES and len(c.name) >= 6 and HAN.match(c.name) and c.name not in names:
            names[c.name] = (c.node or c.key, c.type, c.node is not None, c.occurrences[0].sentence)
    tails: dict[str, tuple[str, str, bool, int, str] | None] = {}
    for surface, (ref, typ, known, first) in names.items():
        if typ not in TAIL_TYPES:
            continue
        for a, _, _, _ in _segment(surface)[1:]:
            tail = surface[a:]
            head = next((t for e, t in pat.heads_zh if tail.endswith(e)), None)
            if len(tail) < 4 or head is None or not (head == typ or {head, typ} <= MEASURE_TYPES) or \
                    gaz.lookup(tail) or not HAN.match(tail):
                continue
            was = tails.get(tail, ())
            tails[tail] = (ref, typ, known, first, surface) if not was or (was and was[0] == ref) else None
    live = {tail: owner for tail, owner in tails.items() if owner is not None}
    if not live:
        return
    where = _places(doc, set(live))  # where each tail stands
    # the spans the candidates hold, by sentence (kept up to date as the tails take theirs)
    held: dict[int, list[tuple[int, int]]] = {}
    for c in found.values():
        for o in c.occurrences:
            held.setdefault(o.sentence, []).append((o.start, o.end))
    for tail, owner in sorted(live.items()):
        ref, typ, known, first, surface = owner
        key = normalize_name(tail)
        if key == ref:
            continue
        cand = found.get(key)
        in_found = cand is not None
        if cand is None:
            cand = Candidate(key, tail, typ, f"the last words of {surface}, named before", 0.6,
                             node=ref if known else None)
        elif cand.node is not None or (cand.occurrences and cand.occurrences[0].sentence < first):
            continue  # a name of its own before the longer one
        for si, a, b in where.get(tail, []):
            if si < first:
                continue
            if any(x < b and a < y for x, y in taken_by_sentence.get(si, [])) or any(
                    x < b and a < y and (x, y) != (a, b) for x, y in held.get(si, [])):
                continue
            if not any(o.sentence == si and o.start == a for o in cand.occurrences):
                cand.occurrences.append(CandidateMention(key, doc.id, si, a, b, tail))
                if in_found:
                    held.setdefault(si, []).append((a, b))
        if not cand.occurrences:
            continue
        if not in_found:
            for o in cand.occurrences:
                held.setdefault(o.sentence, []).append((o.start, o.end))
        cand.occurrences.sort(key=lambda o: (o.sentence, o.start))
        if known:
            cand.node, cand.type = ref, gaz.entities[ref].type
            found[key] = cand
        else:
            found[key] = cand
            acronyms.setdefault(tail, ref)
NOTICE_NUMBER = re.compile(r"第\s*(\d+)\s*号")


HEAD_LINES = 5  # the first sentences of a document, where a notice gives its number and its title


def _titled_numbers(doc: Document, found: dict[str, Candidate]) -> dict[str, str]:
    """The names of one notice: its title (关于…的公告) and its number (商务部公告2025年第31号, 工信部联电子〔2024〕
    112号) among the document's first lines; a document or notice number in brackets right after a title in 《》, or
    with the title after it (第18号公告，即《…》).
    The other name goes to the numbered one (or, in brackets, to the title)."""
    out: dict[str, str] = {}
    head = [c for c in found.values() if c.type == "Policy" and any(o.sentence < HEAD_LINES for o in c.occurrences)]
    titles = [c for c in head if ZH_NOTICE_TITLE.fullmatch(c.name)]
    numbers = [c for c in head if ZH_NUMBERED.fullmatch(c.name) or ZH_DOC_NUMBER.fullmatch(c.name)]

    def alone(c: Candidate) -> bool:  # a line of its own: the notice's title or number, not one its preamble cites
        return any(o.sentence < HEAD_LINES and doc.sentences[o.sentence].text.strip(" 《》\n") == c.name
                   for o in c.occurrences)
    if len(titles) > 1:
        titles = [c for c in titles if alone(c)]
    # a number the body cites (公告2023年第39号所列物项) is another notice's: the notice's own stands on a line of its
    # own, or opens the document
    numbers = [c for c in numbers if alone(c)] or [c for c in numbers if any(o.sentence == 0 for o in c.occurrences)]
    if len(titles) == 1 and len(numbers) == 1:
        out[titles[0].name] = numbers[0].key
    for c in found.values():
        if not (ZH_DOC_NUMBER.fullmatch(c.name) or ZH_NUMBERED.fullmatch(c.name)) or c.name in out:
            continue
        for o in c.occurrences:
            before = doc.sentences[o.sentence].text[:o.start]
            m = re.search(r"《([^《》]{2,60})》[（(]$", before)
            # … or the title right after it, as what the number is (2025年第18号公告，即《关于…的决定》)
            m = m or re.match(r"\s*[，,]?\s*[（(]?即\s*《([^《》]{2,60})》", doc.sentences[o.sentence].text[o.end:])
            if m and (title := found.get(normalize_name(m.group(1)))) is not None and title is not c:
                out[c.name] = title.key
                break
    return out


def _numbered_short_forms(found: dict[str, Candidate]) -> dict[str, str]:
    """Numbered notices of one document that share their number (第18号): the shorter names the longer one's
    notice, when only one longer notice has that number."""
    by_number: dict[str, list[Candidate]] = {}
    for c in found.values():
        m = NOTICE_NUMBER.search(c.name)
        if c.type == "Policy" and m:
            by_number.setdefault(m.group(1), []).append(c)
    out: dict[str, str] = {}
    for group in by_number.values():
        group.sort(key=lambda c: -len(c.name))
        if len(group) >= 2 and len(group[0].name) > len(group[1].name):
            for c in group[1:]:
                out[c.name] = group[0].key
    return out


def _law_years(found: dict[str, Candidate], gaz: Gazetteer) -> dict[str, str]:
    """Names of one known law's act of one year, the first found standing for the others."""
    first: dict[tuple[str, str], str] = {}
    out: dict[str, str] = {}
    for key, c in found.items():
        if c.type != "Law":
            continue
        m = re.fullmatch(r"(?:FY\s?|[Ff]iscal\s+[Yy]ear\s+)((?:19|20)\d{2})\s+(.+)", c.name) or re.fullmatch(
            r"(.+?\bAct)(?:\s+of\s+|,\s+|\s+for\s+Fiscal\s+Year\s+)((?:19|20)\d{2})", c.name)
        if m is None:
            continue
        year, base = (m.group(1), m.group(2)) if m.group(1)[:1].isdigit() else (m.group(2), m.group(1))
        known = gaz.lookup(base)
        if len(known) != 1:
            continue
        owner = first.setdefault((known[0].id, year), key)
        if owner != key:
            out[c.name] = owner
    return out


def _short_forms(found: dict[str, Candidate], gaz: Gazetteer) -> dict[str, str]:
    """Candidates whose words (two or more) begin a company's or organisation's longer candidate name, after a
    leading place word or company form: short forms of that name; and a company's name without the form that opens
    it ("Technoprom-Vektor" of "OOO Technoprom-Vektor"). Left alone when two names share the words."""
    def words(name: str) -> list[str]:
        return [w.strip(".,'’").casefold() for w in name.split() if w.strip(".,'’")]

    out: dict[str, str] = {}
    # the longer names by the words a short form may be (indexed once: a long document has many names)
    by_words: dict[tuple[str, ...], set[str]] = {}
    for long in found.values():
        full = words(long.name)
        if long.type in SHORT_FORM_TYPES and len(long.name.split()) >= 3:
            lead = long.name.split()[0]
            starts = [0] + ([1] if lead in COMPANY_FORMS or any(e.type == "Country" for e in gaz.lookup(lead))
                            else [])
            for i in starts:
                for k in range(2, len(full) - i + 1):
                    if k < len(full):
                        by_words.setdefault(tuple(full[i:i + k]), set()).add(long.key)
    formed: dict[tuple[str, ...], set[str]] = {}
    for long in found.values():
        if long.type == "Company" and long.name.split()[0] in COMPANY_FORMS:
            full = words(long.name)
            if len(full) >= 2:  # "Technoprom-Vektor" of "OOO Technoprom-Vektor": the name without its form
                formed.setdefault(tuple(full[1:]), set()).add(long.key)
    for cand in found.values():
        if cand.type not in (None, *SHORT_FORM_TYPES) or HAN.search(cand.name):
            continue
        short = words(cand.name)
        if not short:
            continue
        owners = (by_words if len(short) >= 2 else formed).get(tuple(short), set()) - {cand.key}
        if len(owners) == 1:
            out[cand.name] = next(iter(owners))
    return out


def _free(a: int, b: int, taken: list[tuple[int, int]]) -> bool:
    return all(b <= x or a >= y for x, y in taken)


# "the rare-earth magnet supply chain", "the lithium-ion battery value chain": a lower-case industry chain
EN_CHAIN = re.compile(r"(?<![A-Za-z\-])((?:[a-z][a-z\-]+\s+){1,3}(?:supply|value|industry|industrial|production)"
                      r"\s+chains?)(?![A-Za-z])")
# words that are no part of a lower-case name (a sector's, a chain's, a segment's)
NOT_IN_LOWER_NAME = frozenset(LOWER_STOP | CONNECTORS | SECTOR_STOP)
CHAIN_STOP = {"global", "domestic", "entire", "whole", "critical", "resilient", "secure", "key", "allied", "western",
              "american", "diversified", "trusted", "our", "across", "throughout", "along", "of", "within"}
# "… has four segments: mining, separation, metal and alloy making, and magnet manufacturing", "the stages of the
# chain, such as mining and refining": the steps a sentence lists are chain segments
EN_SEGMENTS = re.compile(r"(?<![A-Za-z])(?:segments|stages|links|steps)(?:\s+of\s+(?:the|this|that|its)\s+"
                         r"(?:[a-z\-]+\s+){0,3}chains?)?\s*(?::|—|–|, (?:such as|including|namely))\s*"
                         r"((?:[a-z][a-z\-]*(?:\s+[a-z][a-z\-]*){0,3},\s+)+(?:and\s+)?"
                         r"[a-z][a-z\-]*(?:\s+(?!and\b)[a-z][a-z\-]*){0,3}"
                         r"(?:\s+and\s+[a-z][a-z\-]*(?:\s+[a-z][a-z\-]*){0,2})?)(?=[.;,)]|$)", re.IGNORECASE)


CONNECTOR_TAIL = re.compile(r"(?:\s+(?:and|the|of|for|or|,))*\s*$")
POSSESSIVE_ACT = re.compile(r"(?<![\w\-'’])(?:[A-Z][\w\-]*\s+){1,3}[A-Z][\w\-.]*['’]s\s+(?:[A-Z][\w\-]*\s+){1,5}"
                            r"Act(?![\w\-])")
LOCAL_GOVERNMENT = re.compile(r"(?<![\w\-])(?:[A-Z][a-z]+\s+){1,2}(?:municipal|provincial|city|county|prefectural|"
                              r"regional|district|state)\s+government(?![\w\-])")
# a lower-case word that is a past participle ("named", "listed", "added"): a verb, not part of a name
PAST_PARTICIPLE = re.compile(r"(?:nam|list|add|design|cit|includ|identifi|sanction|target|restrict|blacklist|"
                             r"us|plac|describ|call|label|accus)ed")
# "drone maker DJI", "battery giant CATL": what a maker makes, in the singular, right before the maker's word
MAKER_GOODS = re.compile(r"(?<![A-Za-z\-])((?:[a-z][a-z\-]+\s+){1,3})(?=(?:maker|producer|manufacturer|supplier|"
                         r"developer|designer|vendor|giant|firm|company|group|exporter)s?\b)")


# 汽车产业, "the semiconductor industry": a known sector's name with the word for its industry is that sector
SECTOR_INDUSTRY = re.compile(r"(?:产业|行业)(?![链园区])|\s+(?:industry|sector)(?![\w\-])")


def _sector_industry(text: str, known: dict[tuple[int, int], str],
                     found: list[tuple[int, int, str, str | None, str, float, str | None]]) -> list[
        tuple[int, int, str, str | None, str, float, str | None]]:
    """汽车产业 after the known 汽车, "semiconductor industry" after the known "semiconductor": the sector's own name
    with its industry's word, a candidate that names the known sector (where no other candidate holds it)."""
    out: list[tuple[int, int, str, str | None, str, float, str | None]] = []
    held = [(a, b) for a, b, *_ in found]
    for (a, b), typ in sorted(known.items()):
        if typ != "Sector" or (m := SECTOR_INDUSTRY.match(text, b)) is None:
            continue
        if any(x < m.end() and a < y and (x, y) != (a, b) for x, y in [*known, *held]):
            continue
        out.append((a, m.end(), text[a:m.end()], "Sector", "a known sector's name with its industry's word", 0.7,
                    text[a:b]))
    return out


def _plurals(word: str) -> list[str]:
    """The English plural forms a singular noun may have (drone: drones; battery: batteries; switch: switches)."""
    out = [word + "s", word + "es"]
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        out.insert(0, word[:-1] + "ies")
    return out


def _maker_goods(text: str, taken: list[tuple[int, int]],
                 found: list[tuple[int, int, str, str | None, str, float, str | None]], gaz: Gazetteer,
                 pat: Patterns) -> list[
        tuple[int, int, str, str | None, str, float, str | None]]:
    """"drone maker DJI", "battery giant CATL": the goods a maker's word follows, in the singular, are the known
    sector whose name is their plural (Drones, batteries); the longest such run of words, where no other name
    holds it."""
    out: list[tuple[int, int, str, str | None, str, float, str | None]] = []
    held = [*taken, *((a, b) for a, b, *_ in found)]
    for m in MAKER_GOODS.finditer(text):
        words = m.group(1).split()
        end = m.start(1) + len(m.group(1).rstrip())
        for k in range(len(words)):
            run = words[k:]
            if any(w in NOT_IN_LOWER_NAME or _verb_word(w, pat) or PAST_PARTICIPLE.fullmatch(w) for w in run):
                continue
            a = end - len(" ".join(run))
            if text[a:end] != " ".join(run) or any(x < end and a < y for x, y in held):
                continue
            plural = next((f for f in (" ".join([*run[:-1], p]) for p in _plurals(run[-1]))
                           if [e.type for e in gaz.lookup(f)] == ["Sector"]), None)
            if plural is not None:
                out.append((a, end, text[a:end], "Sector", f"what a maker makes, in the singular ({plural!r})", 0.6,
                            plural))
                held.append((a, end))
                break
    return out


def _english_chains(text: str, taken: list[tuple[int, int]], spans: list[tuple[int, int]],
                    found: list[tuple[int, int, str, str | None, str, float, str | None]]) -> list[
        tuple[int, int, str, str | None, str, float, str | None]]:
    """English industry chains in lower case ("the rare-earth magnet supply chain") and the segments a sentence
    lists for a chain ("four segments: mining, separation, metal and alloy making, and magnet manufacturing"),
    each where no known name or other candidate holds it; a known name inside a chain's name stays itself."""
    out: list[tuple[int, int, str, str | None, str, float, str | None]] = []
    held = [*taken, *spans, *((a, b) for a, b, *_ in found)]
    sectors = {(a, b) for a, b, _, t, *_ in found if t == "Sector"}  # "magnet manufacturing": a segment in a list

    def free(a: int, b: int, segment: bool = False) -> bool:
        return not any(x < b and a < y and not (a <= x and y <= b and (x, y) in taken)
                       and not (segment and (x, y) == (a, b) and (x, y) in sectors) for x, y in held)

    for m in EN_CHAIN.finditer(text):
        words = m.group(1).split()
        head = words[-2:]
        lead: list[str] = []
        for w in reversed(words[:-2]):  # the longest run before the head free of function and framing words
            if w.lower() in NOT_IN_LOWER_NAME or w.lower() in CHAIN_STOP:
                break
            lead.insert(0, w)
        if not lead:
            continue
        a = m.end()
        for w in reversed(lead + head):
            a = text.rfind(w, 0, a)
        if free(a, m.end()):
            out.append((a, m.end(), text[a:m.end()], "IndustryChain", f"a lower-case name ending in {head[0]!r} "
                        "chain", 0.5, None))
            held.append((a, m.end()))
    for m in EN_SEGMENTS.finditer(text):
        at = m.start(1)
        for part in re.split(r"(,\s+(?:and\s+)?|\s+and\s+(?=[a-z\-]+(?:\s+[a-z\-]+){0,2}$))", m.group(1)):
            a, b = at, at + len(part)
            at = b
            if not part or part[0] in ", " or part.strip() == "and":
                continue
            name = part.strip()
            if not 3 <= len(name) <= 40 or name.split()[0].lower() in NOT_IN_LOWER_NAME:
                continue
            if free(a, b, segment=True):
                out.append((a, b, name, "ChainSegment", "one of the segments a sentence lists", 0.5, None))
                held.append((a, b))
                found[:] = [f for f in found if (f[0], f[1]) != (a, b)]  # the segment, not the sector reading
    return out


TO_JOIN = re.compile(r"\s+to\s+")
KNOWN_JOIN = re.compile(r"\s*(?:,\s*(?:(?:and|or|&)\s+)?|(?:and|or|&)\s+)(?:the\s+)?")
ACTOR_TYPES = {"Company", "Country", "Person", "Agency", "Organization"}


def _to_parts(text: str, a: int, b: int, typed: dict[tuple[int, int], str]) -> list[tuple[int, int]]:
    """A run of capitalised words joined by "to" after a known actor's name is the actor and what follows (the
    Pentagon "adds CATL to Chinese Military List"), not one name ("Alliance to Save Energy" keeps its "to")."""
    ends = {y for (x, y), t in typed.items() if t in ACTOR_TYPES and a <= x}
    for m in TO_JOIN.finditer(text, a, b):
        if m.start() in ends:
            return [(a, m.start()), *_to_parts(text, m.end(), b, typed)]
    return [(a, b)]


SUFFIX_THEN = re.compile(rf"\b(?:{EN_SUFFIX})\b\.?(\s+(?:of|and|in|for|to|on)\s+(?:the\s+)?)")


def _suffix_parts(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """A run that goes on after a firm's legal form over "of", "and" … is the firm and what follows it."""
    m = SUFFIX_THEN.search(text, a, b)
    if m is None:
        return [(a, b)]
    return [(a, m.start(1)), *_suffix_parts(text, m.end(1), b)]


def _english(s: Sentence, taken: list[tuple[int, int]], pat: Patterns,
             typed: dict[tuple[int, int], str] | None = None) -> list[
        tuple[int, int, str, str | None, str, float, str | None]]:
    text = s.text
    typed = typed or {}
    out: list[tuple[int, int, str, str | None, str, float, str | None]] = []
    spans = []
    for nm in EN_NAME.finditer(text):  # "the Quartz Security Act in May 2025": the date is not part of the name
        cut = DATE_TAIL.search(nm.group(0))
        if cut and NUMBERED_OF_YEAR.search(nm.group(0)[:cut.end()]):
            cut = None  # "Announcement No. 23 of 2023": the year is part of a numbered name
        if cut and LAW_YEAR_END.search(nm.group(0)[:cut.end()]):
            cut = None  # "Secure Equipment Act of 2021": the year is part of the law's title
        end = nm.start() + cut.start() if cut else nm.end()
        if cut and (dated := DATED_TITLE.match(text, end)) is not None and re.search(
                r"\b(?:Memorandum|Proclamation|Directive|Order)$", text[nm.start():end]):
            end = dated.end()  # "the Presidential Memorandum of March 22, 2018": its date is part of its title
        if (at := FIRM_IN_PLACE.search(text, nm.start(), end)) is not None and at.end() == end \
                and pat.heads_en.get(at.group(1).rstrip(".")) == "Company":
            end = at.start() + len(at.group(1))  # "Calder Ridge Commodities in London": the firm, then its seat
        year = LAW_YEAR.match(text, end) if re.search(r"\bAct$", text[nm.start():end]) else None
        if year and LAW_YEAR_END.search(text[nm.start():year.end()]):
            end = year.end()  # "Consolidated Appropriations Act, 2021"
        head_of = HEAD_OF.search(nm.group(0)) if not cut else None
        series = None if head_of is None else (OF_SERIES_COMMITTEE if "Committee" in head_of.group(0) else
                                               OF_SERIES).match(text, end)
        # "Ministry of Investment, Trade and Industry": a body's remit may be a series with commas
        spans.append((nm.start(), series.end() if series else end))
    spans = [(a, b) for a, b in spans if not any(x <= a and b <= y and (x, y) != (a, b) for x, y in spans)]
    spans = [part for a, b in spans for part in _to_parts(text, a, b, typed)]
    # "Wacker Chemie AG of Germany and OCI Holdings Co., Ltd.": a firm's legal form ends its name
    spans = [part for a, b in spans for part in _suffix_parts(text, a, b)]
    if s.kind.startswith("heading"):  # a headline's verb is capitalised too: "USTR Announces Port Fees", "Quartzland
        # Tightens Export Controls": the verb is no part of a name (not a head word: "Treasury Sanctions …" stays)
        spans = [part for a, b in spans for part in _headline_parts(text, a, b, pat)]
    # a lower-case head after a capitalised name ("Section 301 tariffs"), or a short lower-case name that
    # ends in one ("outbound investment rule")
    heads = "|".join(sorted(pat.lower_heads, key=len, reverse=True))
    if heads:
        grown = []
        for a, b in spans:
            m = re.match(rf"\s+((?:[a-z][a-z\-]+\s+){{0,2}}(?:{heads}))\b", text[b:])
            if m and any(w in LOWER_STOP or w in CONNECTORS or w in MODALS or _verb_word(w, pat)
                         for w in m.group(1).split()[:-1]):
                m = None  # "the Entity List by this rule": the words after the name are not part of it; nor is
                # a verb ("Mexico's Secretary of Economy raised tariffs": who acts, then what)
            grown.append((a, b + m.end()) if m else (a, b))
        spans = grown
        for m in re.finditer(rf"(?<![A-Za-z\-])((?:[a-z][a-z\-]+\s+){{1,3}}(?:{heads}))(?![A-Za-z])", text):
            a = m.start(1)
            words = m.group(1).split()
            while words and (words[0] in LOWER_STOP or words[0] in CONNECTORS):
                a += len(words[0]) + 1
                words = words[1:]
            # a lower-case name is introduced as one: "the outbound investment rule", "its entity-specific
            # foreign direct product rule" (not "must follow new rules", "revises controls")
            # ... or by its owner's name ("Commerce's national security guardrails rule"), or with a rate ("a 25%
            # advanced manufacturing investment credit")
            det = re.search(r"(?<![^\W\d_])(?:the|its|their|a|an|this|that|these|new|U\.S\.|US)\s+$|"
                            r"(?<![A-Za-z])[A-Z][A-Za-z.]+['’]s\s+$|(?<![A-Za-z])an?\s+\d+(?:\.\d+)?%\s+$",
                            text[max(0, a - 16):a], re.IGNORECASE)
            if len(words) >= 2 and det and not any(w in LOWER_STOP or w in CONNECTORS for w in words) \
                    and not any(_verb_word(w, pat) for w in words[:-1]) \
                    and all(b <= a or x >= m.end() for x, b in spans):
                spans.append((a, m.end()))
    if heads:  # a known name with a measure word after it is a more specific measure: "Section 301 tariffs"
        for x, y in taken:
            m = re.match(rf"\s+((?:[a-z][a-z\-]+\s+){{0,3}}?)({heads})(?![A-Za-z])", text[y:])
            if m and m.group(1) and (any(w in LOWER_STOP or w in CONNECTORS or w in MODALS or _verb_word(w, pat)
                                         for w in m.group(1).split()) or not (
                    (NUMBERED_KNOWN.search(text, x, y) and len(m.group(1).split()) <= 2) or (
                        typed.get((x, y)) == "Company" and THE_BEFORE.search(text, 0, x)))):
                m = None  # "Section 232 semiconductor tariff": words between only after a numbered measure's name,
                # or a firm's ("the Huawei foreign direct product rule": a measure named for the firm)
            if m and text[x:x + 1].isupper() and typed.get((x, y)) != "Country" \
                    and not VERB_OBJECT_AFTER.match(text, y + m.end()):  # not "the Chinese ban", "The CCP controls the"
                known = pat.heads_en[m.group(2).capitalize()]
                out.append((x, y + m.end(), text[x:y + m.end()], known, f"a known name with the head {m.group(2)!r}",
                            0.7, None))
    for x, y in taken:  # a known name and a measure's head word right after it: "the UFLPA Strategy" (a strategy
        # under the act, not the act), "the CHIPS Incentives Program"
        m = CAPITAL_HEAD_AFTER.match(text, y)
        if m is None or typed.get((x, y)) in {"Country", "Person"} or not text[x:x + 1].isupper() \
                or CAPITAL_BEFORE.search(text, 0, x) \
                or pat.heads_en.get(m.group(1)) not in MEASURE_HEAD_TYPES or pat.heads_en.get(text[x:y].split()[-1]):
            continue  # (not after a name that ends in a head of its own: "the Entity List Rule" is not read here)
        out.append((x, m.end(), text[x:m.end()], pat.heads_en[m.group(1)], f"a known name with the head "
                    f"{m.group(1)!r} after it", 0.65, None))
        spans = [(a, b) for a, b in spans if b <= x or a >= m.end()]
    for x, y in taken:  # a known law with its year is that year's act: "… Act for Fiscal Year 2025", "FY2021 NDAA"
        if typed.get((x, y)) != "Law":
            continue
        year = LAW_YEAR.match(text, y)
        if year and not LAW_YEAR_END.search(text[x:year.end()]):
            year = None
        fy = LAW_FY_BEFORE.search(text, 0, x)
        if year is not None:
            a, b = x, year.end()
        elif fy is not None:
            a, b = fy.start(), y
        else:
            continue
        out.append((a, b, text[a:b], "Law", "a known law with its year: that year's act", 0.75, None))
    for m in NUMBERED_MEASURE.finditer(text):  # "E.O. 13382", "S. 3558": an order or a bill by its number
        # ("10 U.S.C. § 4872": the "U.S." inside a citation is part of it)
        if all(y <= m.start() or x >= m.end() or (m.group("usc") and m.start() <= x and y <= m.end())
               for x, y in taken):
            kind, why = ("Policy", "an executive order or a proclamation by its number") if m.group("eo") else (
                "Law", "a statute by its place in the United States Code") if m.group("usc") else (
                "Policy", "a regulation by its citation") if m.group("cfr") else (
                "Instrument", "a statute's section by its number") if m.group("sec") else (
                "Law", "a bill by its number")
            out.append((m.start(), m.end(), m.group(0), kind, why, 0.75, None))
            spans = [(a, b) for a, b in spans if b <= m.start() or a >= m.end()]
    for m in QUOTED_TITLE.finditer(text):  # an interim final rule, "Revisions to Export Controls on … Items,"
        a, b = m.span(1)
        words = m.group(1).split()
        if len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 2 \
                and all(y <= a or x >= b or (a <= x and y <= b) for x, y in taken) and (a, b) not in taken:
            out.append((a, b, m.group(1), "Policy", "a measure's title in quotes after what it is", 0.7, None))
            spans = [(x, e) for x, e in spans if e <= a or x >= b]
    for m in TRADE_PROBE.finditer(text):  # "anti-dumping probe into brandy": the probe named by its goods
        b = m.end(1)
        while b > m.start(1) and text[b - 1].isspace():
            b -= 1
        # a known name inside it ("Section 232 investigation", "electric vehicles") is part of it, not across its edge
        if all(y <= m.start() or x >= b or (m.start() <= x and y <= b) for x, y in taken) \
                and (m.start(), b) not in taken:
            out.append((m.start(), b, text[m.start():b], "Policy", "a trade probe named by what it looks into", 0.65,
                        None))
            spans = [(a, e) for a, e in spans if e <= m.start() or a >= b]
    for m in POSSESSIVE_ACT.finditer(text):  # "the End China's De Minimis Abuse Act": one title, its possessive within
        a = m.start()
        if text[a:].split()[0] in pat.stop_words or any(x < m.end() and a < y and not (a <= x and y <= m.end())
                                                        for x, y in taken) \
                or not any(a < x and text[y:y + 2] in ("'s", "’s") and t == "Country" for (x, y), t in typed.items()):
            continue  # (a country's possessive: "End China's …", not "the Commerce Department's Export Act")
        out.append((a, m.end(), m.group(0), "Law", "an act's title with a possessive inside", 0.7, None))
        # a run that reached into it over "and the" ("the De Minimis Quartz Act and the End China's …") ends before
        spans = [(x, y) if y <= a or x >= m.end() else (x, x + len(CONNECTOR_TAIL.sub("", text[x:a]))) for x, y in spans
                 if y <= a or x >= m.end() or x < a]
    for m in LOCAL_GOVERNMENT.finditer(text):  # "the Hefei municipal government": a place's government is a body
        if all(y <= m.start() or x >= m.end() for x, y in taken):
            out.append((m.start(), m.end(), m.group(0), "Agency", "a place's government in lower case", 0.65, None))
            spans = [(a, b) for a, b in spans if b <= m.start() or a >= m.end()]
    for m in EN_REVIEW.finditer(text):  # "the four-year review", "a cybersecurity review": a review by its kind
        # a known name inside it ("cybersecurity") is part of it, not across its edge
        if all(y <= m.start() or x >= m.end() or (m.start() <= x and y <= m.end()) for x, y in taken) \
                and (m.start(), m.end()) not in taken:
            out.append((m.start(), m.end(), m.group(0), "Instrument", "a review named by its kind", 0.6, None))
            spans = [(a, b) for a, b in spans if b <= m.start() or a >= m.end()]
    for a, b in _goods_measures(text, taken, typed):  # "export controls on gallium and germanium"
        out.append((a, b, text[a:b], "Instrument", "a measure named by the goods it is on", 0.6, None))
        spans = [(x, y) for x, y in spans if y <= a or x >= b]
    for m in DATED_MEASURE.finditer(text):  # "the October 7 rules": a U.S. rule named by the day it came out
        # a known name among the words of what it covers ("advanced computing") is part of it
        if all(y <= m.start() or x >= m.end() or (m.start() < x and y < m.end()) for x, y in taken):
            out.append((m.start(), m.end(), m.group(0), "Policy", "a measure named by its date", 0.6, None))
            spans = [(a, b) for a, b in spans if b <= m.start() or a >= m.end()]
    sectors = "|".join(sorted(pat.sector_heads, key=len, reverse=True))
    if sectors:  # "chipmaking equipment", "advanced-node integrated circuits": lower-case sector names
        # (heads in a row are one name's: "advanced computing chips", not "advanced computing" and "chips")
        for m in re.finditer(rf"(?<![A-Za-z\-])((?:[a-z][a-z\-]+\s+){{1,3}}(?:{sectors})(?:\s+(?:{sectors}))*)"
                             rf"(?![A-Za-z])", text):
            words = []
            for w in reversed(m.group(1).split()):  # the longest tail free of function words and verbs
                if w in NOT_IN_LOWER_NAME or _verb_word(w, pat) or PAST_PARTICIPLE.fullmatch(w):
                    break  # "also named memory chip maker X": the verb is not part of the name
                words.insert(0, w)
            a = m.end()
            for w in reversed(words):
                a = text.rfind(w, 0, a)
            # a known name across its edge ("memory chip" of "memory chip maker") is that name, not part of this
            if len(words) >= 2 and not any(x < m.end() and a < y and not (a <= x and y <= m.end()) for x, y in taken) \
                    and not any(x <= a and m.end() <= y for x, y in taken) \
                    and all(b <= a or x >= m.end() for x, b in spans):
                out.append((a, m.end(), text[a:m.end()], "Sector", f"a lower-case name ending in {words[-1]!r}",
                            0.5, None))
    # a run a known measure's name with its head already reads ("Section 232 semiconductor tariff") is that name
    spans = [(a, b) for a, b in spans if not any(x <= a and b <= y and reason.startswith("a known name with the head")
                                                 for x, y, _, _, reason, *_ in out)]
    out += _lower_defined(text, taken, spans, out, pat)
    out += _english_chains(text, taken, spans, out)
    for start, end in sorted(spans):
        parts = _outside(start, end, taken)
        inside = [(x, y) for x, y in taken if start <= x and y <= end]
        if len(inside) >= 2 and all(KNOWN_JOIN.fullmatch(text[p:q]) for p, q in parts):
            continue  # "the Department of Justice and Commerce": known names joined, no third name
        solid = [p for p in parts if text[p[0]:p[1]].strip()]
        if inside and COMPANY_END.search(text[start:end]) and len(solid) == 1 and solid[0][1] == end and all(
                typed.get(t) in {"Country", "Sector"} for t in inside) \
                and any(typed.get(t) == "Country" for t in inside):
            # a company named after its city ("Shenzhen Kaituo Motion Technology Co., Ltd."): the place is part
            # of the name, not a mention of its own
            parts = [(start, end)]
        elif len(inside) == 1 and inside[0][0] == start and typed.get(inside[0]) == "Country" and len(parts) == 1 \
                and re.match(r"\s+Affairs\s+[A-Z]", text[inside[0][1]:end]):
            # "Taiwan Affairs Office": a body for a place holds the place's name
            parts = [(start, end)]
        elif len(inside) == 1 and inside[0][0] == start and typed.get(inside[0]) == "Company" and len(parts) == 1 \
                and parts[0][1] == end and all(pat.heads_en.get(w) == "Company" for w in text[parts[0][0]:end].split()):
            # a known company with a company word after it ("Samsung Electronics"): the group's named business
            parts = [(start, end)]
        elif len(inside) == 1 and inside[0][1] == end and typed.get(inside[0]) == "Sector" and len(parts) == 1 \
                and parts[0][0] == start and not text[parts[0][1]:inside[0][0]].strip() \
                and text[inside[0][0]:inside[0][0] + 1].isupper() \
                and pat.heads_en.get(text[inside[0][0]:end].split()[-1]) == "Company":
            # a capitalised name that ends in a sector word that is also a company word ("Autel Robotics")
            parts = [(start, end)]
        elif inside and start > 0 and s.kind != "heading" and all(
                typed.get(t) in {"Sector", "ChainSegment"} and text[t[0]:t[0] + 1].isupper() for t in inside) \
                and parts and parts[0][0] == start and text[start:inside[0][0]].strip() \
                and not any(w in CONNECTORS or w in pat.stop_words for w in text[start:end].split()) \
                and (COMPANY_CUES.search(text[max(0, start - 40):start]) or SUCH_AS_FIRMS.search(
                    text[max(0, start - 60):start]) or COMPANY_APPOSITION.match(text[end:])):
            # a sector word capitalised inside a firm's name ("Kestrel Germanium Recovery, a U.S. start-up",
            # "Lynas Rare Earths, the Australian miner"): the name is the firm's, not a mention of the sector
            parts = [(start, end)]
        of_country = len(inside) == 2 and re.fullmatch(r"(?:[Tt]he\s+)?", text[start:inside[0][0]]) is not None \
            and inside[1][1] <= end and not text[inside[1][1]:end].strip(" .,") and \
            typed.get(inside[1]) == "Country" and re.fullmatch(r"\s+of\s+(?:the\s+)?", text[inside[0][1]:inside[1][0]])
        if (len(parts) != 1 or parts[0] != (start, end)) and not of_country:
            # ("Ministry of Commerce of China" is a known name and its country, not a third name)
            # a known name inside a longer one that a head word types ("Regulation on Advanced Semiconductor
            # Manufacturing Equipment"): the longer name is the thing meant
            a, b = _trim(text, start, end, pat, sentence_start=start == 0 or bool(ITEM_OPENING.fullmatch(text[:start])))
            whole = text[a:b].split()
            # a head word followed by its place ("Supercomputing Center in Wuxi") still ends the name
            last = whole[-3] if len(whole) > 3 and whole[-2] == "in" and whole[-1][:1].isupper() else whole[-1]
            if re.fullmatch(r"(?:19|20)\d{2}", last) and pat.heads_en.get(whole[-2]) in {"Law", "Policy"}:
                last = whole[-2]  # "Export Control Act 2002", "Export Control Order 2008": a statute's year
            # ... unless the head is a known name's own ("China on the Entity List": two names, not one)
            # ("Stop Stealing Our Chips Act": capitalised words right before a known law's name make another law)
            head_known = any(a < y and y >= b - len(whole[-1]) and x < b and not OWN_WORDS_BEFORE.fullmatch(text[a:x])
                             for x, y in inside)
            lead = next((i for i, w in enumerate(whole[:3]) if w in pat.heads_en and i + 1 < len(whole)
                         and whole[i + 1] in {"on", "of", "for", "to"}), None)
            chamber = lead is not None and lead > 0 and whole[lead] in CHAMBER_HEADS \
                and all(w[:1].isupper() for w in whole[:lead]) \
                and not any(typed.get(t) == "Country" for t in inside if t[0] < a + len(" ".join(whole[:lead])))
            # a country's name and a body's head with its remit ("Japan Organization for Metals and Energy
            # Security", "Korea Institute for Advancement of Technology"): a national body, named after its country
            # ("German Association of the Automotive Industry": a field's name may sit inside its remit)
            national = lead is not None and lead > 0 and inside and inside[0][0] == a \
                and all(typed.get(t) in FIELD_TYPES for t in inside[1:]) \
                and typed.get(inside[0]) == "Country" and text[a:inside[0][1]] == " ".join(whole[:lead]) \
                and pat.heads_en[whole[lead]] in {"Agency", "Organization", "Programme"}
            # (two words with a known field inside: "Post-5G Fund", "5G Promotion Act" has three)
            field_inside = len(whole) == 2 and inside and all(typed.get(t) in FIELD_TYPES for t in inside)
            if (len(whole) > 2 or field_inside) and not any(x <= a and b <= y for x, y in taken) and (
                    ((last.rstrip(".") in pat.heads_en or ((text[a:a + 1].islower() or last in pat.lower_heads)
                                                            and last.capitalize() in pat.heads_en)) and not head_known)
                    or lead == 0 or chamber or national):
                # ("advanced manufacturing investment credit": a known sector inside a lower-case measure's name)
                parts = [(a, b)]
        split = []
        for a, b in parts:
            split += _coordination(text, a, b)
        for a, b in split:
            a, b = _trim(text, a, b, pat, sentence_start=(a == 0 or text[:a].strip() in {"", "“", '"'}
                                                           or bool(ITEM_OPENING.fullmatch(text[:a]))))
            if b <= a:
                continue
            name = text[a:b]
            words = name.split()
            single = len(words) == 1
            if len(name) < 2 or re.search(r"\.(?:pdf|html?|docx?)$|/", name, re.IGNORECASE) or (
                    re.search(r"\d{4,}", FISCAL_YEAR.sub("", name)) and not NUMBERED_EN.search(name)
                    and not LAW_YEAR_END.search(name) and not STATUTE_YEAR_END.search(name)
                    and not DATED_TITLE.search(name)) \
                    or re.match(r"^[a-z]\s", name):
                continue
            titles = pat.person_titles.get("en", [])
            if single and (name in pat.stop_words or name.islower() or name in LEGAL_SUFFIXES or name in NAME_SUFFIXES
                           or PARTY_STATE.match(name)
                           or FISCAL_YEAR.fullmatch(name)
                           or any(re.fullmatch(t, name) or re.fullmatch(t, name + ".") for t in titles)):
                continue  # "Inc" of "Synopsys, Inc.": a legal form alone is no name
            if len(words) == 3 and words[1] == "the" and words[2] in pat.heads_en and words[0] not in pat.heads_en:
                continue  # "Who Implements the Act": a heading's verb before a reference to a named act
            if single and name.endswith("-based"):
                continue  # "a Moscow-based importer": where a party sits, not a name
            if TITLE_ONLY.fullmatch(name) or TITLE_REMIT.fullmatch(name):
                continue  # "Deputy Assistant Attorney General", "Director", "Secretary of State", "National Security
                # Advisor": a post, not a name
            if single and a == 0 and not (name.isupper() and len(name) >= 2) and not re.search(r"[a-z][A-Z]|\d", name):
                continue  # a capitalised first word of a sentence is no evidence of a name
            acr_m = ACRONYM_AFTER.match(text[b:])
            acr = acr_m.group(1) if acr_m and not single and _initials_match(words, acr_m.group(1)) else None
            typ, reason, conf = _type_en(text, a, b, words, pat)
            inner = _title_inside(name, pat) if typ is None else None
            tail = INITIAL_NAME_END.search(name) if typ is None and inner is None else None
            remit = REMIT_NAME_END.search(name) if typ is None and inner is None and tail is None else None
            if remit is not None and not any(w in pat.heads_en for w in remit.group(1).split()):
                tail = re.compile(re.escape(remit.group(1)) + "$").search(name)
            if tail is None and typ is None and inner is None and (office := OFFICE_NAME.fullmatch(name)):
                # "Secretary of Energy Jennifer Granholm": a title and its remit, then a name of two words
                tail = re.compile(re.escape(office.group(1)) + "$").search(name)
            if tail is not None and (TITLE_ONLY.match(name) or any(
                    re.search(rf"(?<![A-Za-z]){title}(?![A-Za-z])", text[max(0, a - 60):a])
                    for title in pat.person_titles.get("en", []))):
                # "Under Secretary of the Treasury for Terrorism and Financial Intelligence Brian E. Nelson",
                # "Under Secretary of Commerce for Industry and Security Jeffrey Kessler"
                a, name, words = a + tail.start(), tail.group(0), tail.group(0).split()
                typ, reason, conf = "Person", "a name after a title and its remit", 0.65
            if single and name in MISSION_HEADS:  # "the Chinese Embassy": the country's own mission
                ctry = next((x for (x, y), k in (typed or {}).items() if k == "Country" and y == a - 1), None)
                if ctry is not None and text[a - 1] == " ":
                    a, name, words = ctry, text[ctry:b], text[ctry:b].split()
                    typ, reason, conf = "Agency", f"a country's {words[-1].lower()}", 0.7
            if typ in {"Law", "Programme", "Policy", "Organization"} and text[max(0, a - 9):a] == "American " \
                    and (max(0, a - 9), a - 1) in (typed or {}):
                # "the American Rescue Plan Act", "American AI Exports Program": the word opens U.S. names
                a, name, words = a - 9, text[a - 9:b], text[a - 9:b].split()
            if inner is not None:  # "Commission President Ursula von der Leyen": the body's head, then the person
                a, name, words = a + inner, name[inner:], name[inner:].split()
                typ, reason, conf = "Person", "a name after a title inside a capitalised run", 0.65
            if typ in {"Company", "Organization", "Agency"} and (po := PERSON_OF_ORG.match(text, a, b)) is not None \
                    and not any(w.rstrip(".") in pat.heads_en or w in CHAMBER_HEADS for w in po.group(1).split()) \
                    and not TITLE_ONLY.search(po.group(1)) \
                    and not any(x < po.end(1) and y > a for (x, y), k in typed.items() if k not in {"Person"}) \
                    and (SPEECH_BEFORE.search(text, max(0, a - 20), a) or SPEECH_AFTER.match(text, b)):
                # "said Mark Roe of Quartz Research": the person, then the body; each a name of its own
                first = po.group(1).split()[0]
                if len(po.group(1).split()) == 3 and not text[:a].strip(" “\"'"):
                    a = po.start(1) + len(first) + 1  # "Later Dana Roe of …": a sentence's first word
                org = po.end()
                btyp, breason, bconf = _type_en(text, org, b, text[org:b].split(), pat)
                out.append((org, b, text[org:b], btyp, breason, bconf, acr))
                b, acr = po.end(1), None
                name, words = text[a:b], text[a:b].split()
                typ, reason, conf = "Person", "a name, then the body it speaks for (said X of Y)", 0.65
            if typ == "Person":
                a, name = _strip_title(text, a, b, pat)
                body = PERSON_OF_BODY.search(name)
                if body and len(name[:body.start()].split()) in (2, 3):
                    # "Jane Roe of the Department of Quartz": the person, and the body she serves
                    org = a + body.end()
                    btyp, breason, bconf = _type_en(text, org, b, text[org:b].split(), pat)
                    if btyp in {"Agency", "Organization", "Company"}:
                        out.append((org, b, text[org:b], btyp, breason, bconf, None))
                    # "U.S. Attorney Jane Roe for the Northern District of X": the person's name ends before it
                    b, name = a + body.start(), name[:body.start()]
            if name.startswith("Office") and (own := OFFICE_OWNER.search(text, 0, a)) is not None:
                a, name = own.start(), text[own.start():b]  # "the U.S. Attorney's Office for the … District of …"
            out.append((a, b, name, typ, reason, conf, acr))
    return out


def _goods_measures(text: str, taken: list[tuple[int, int]], typed: dict[tuple[int, int], str]) -> list[
        tuple[int, int]]:
    """Measures named by the goods they are on: a measure word, "on", and one or more known fields (a country's
    adjective may stand before each: "tariffs on Chinese electric vehicles"), joined by commas and "and"; the span
    runs to the last of them. Not when a known name holds the measure words ("Section 232 tariffs on steel" is
    read as the known measure; a known "export controls" inside the measure words is part of it)."""
    out = []
    starts = {x: (x, y) for x, y in taken}
    for m in GOODS_MEASURE.finditer(text):
        if any(x < m.end() and m.start() < y and not (m.start() <= x and y <= m.end()) for x, y in taken):
            continue  # (a known name of the measure words alone, "export controls", is part of it)
        if any(not text[y:m.start()].strip() and y <= m.start() and typed.get((x, y)) != "Country"
               for x, y in taken):
            continue  # "Section 301 tariffs on …": the known measure's name goes on with the measure words
        at, end, goods = m.end(), 0, 0
        while True:
            span = starts.get(at)
            if span is not None and typed.get(span) == "Country" and text[span[1]:span[1] + 1] == " ":
                span = starts.get(span[1] + 1)  # a country's adjective before the goods
            if span is None or typed.get(span) not in FIELD_TYPES:
                break
            end, goods = span[1], goods + 1
            join = GOODS_JOIN.match(text, end)
            if join is None:
                break
            at = join.end()
        if goods:
            out.append((m.start(), end))
    return out


# a Chinese measure named by the goods it is on: the goods (known fields, or a Latin product name: H20, EDA) right
# before one of these, joined by 、和及与 or written together (镓锗出口禁令)
ZH_GOODS_MEASURE = re.compile(r"(?:相关)?(?:物项|产品|技术|设备)?(?:的)?"
                              r"(?:出口管制措施|出口管制|出口限制措施|出口限制|出口禁令|进口禁令|出口许可证要求|出口许可要求)")
ZH_GOODS_JOIN = re.compile(r"(?:、|和|及|与|以及)?$")
ZH_LATIN_GOODS = re.compile(r"(?<![A-Za-z0-9\-])[A-Z][A-Za-z0-9\-]{1,15}$")


def _zh_goods_measures(text: str, blocked: list[tuple[int, int]], known: dict[tuple[int, int], str]) -> list[
        tuple[int, int]]:
    """Chinese measures named by the goods they are on (镓、锗相关物项出口管制, EDA出口限制, H20出口许可证要求): one
    or more goods right before a measure's words, each a known field or a Latin product name no known name holds;
    the span runs from the first of them. Not when another name reaches into the measure's words (a known measure
    or a title)."""
    ends = {y: (x, y) for (x, y), t in known.items() if t in FIELD_TYPES}
    out = []
    for m in ZH_GOODS_MEASURE.finditer(text):
        if not _free(m.start(), m.end(), blocked):
            continue
        at, start = m.start(), None
        while True:
            span = ends.get(at)
            if span is None and (latin := ZH_LATIN_GOODS.search(text, 0, at)) is not None \
                    and _free(latin.start(), at, blocked) and start is None:
                span = latin.span()  # (a Latin product name only right before the measure's words)
            if span is None:
                break
            start = span[0]
            join = ZH_GOODS_JOIN.search(text, 0, start)
            at = join.start() if join is not None else start
            if at == start and at not in ends:
                break
        if start is not None and _free(start, m.start(), [sp for sp in blocked if sp[1] - sp[0] and (
                sp not in known or known[sp] not in FIELD_TYPES)]):
            out.append((start, m.end()))
    return out


# whose office a name "Office …" is, written before it with a possessive
OFFICE_OWNER = re.compile(r"(?<![\w.])(?:(?:U\.S\.|United\s+States)\s+)?(?:Attorney|Inspector\s+General|"
                          r"Trade\s+Representative|Solicitor\s+General)['’]s\s+$")
# a lower-case name and the acronym it defines: "advance notice of proposed rulemaking (ANPRM)", "validated end-user
# (VEU)"
LOWER_DEFINED = re.compile(r"(?<![A-Za-z\-])((?:[a-z][a-z\-]*\s+){1,7}[a-z][a-z\-]*)\s*\(([A-Z][A-Z0-9]{1,7})s?\)")
ACRONYM_SKIP = {"of", "and", "for", "the", "on", "to", "in", "&"}


def _lower_defined(text: str, taken: list[tuple[int, int]], spans: list[tuple[int, int]],
                   found: list[tuple[int, int, str, str | None, str, float, str | None]], pat: Patterns) -> list[
        tuple[int, int, str, str | None, str, float, str | None]]:
    """A lower-case name the acronym after it spells (the initials of its words, or its letters in order from the
    first), typed by its head word: a measure's ("notice", "rule", "list" …, the word before "of" when there is
    one) or a sector's (its last word). Only where no known name or other candidate holds any of it."""
    out: list[tuple[int, int, str, str | None, str, float, str | None]] = []
    held = [*taken, *spans, *((a, b) for a, b, *_ in found)]
    for m in LOWER_DEFINED.finditer(text):
        acr, words = m.group(2), m.group(1).split()
        letters = acr.lower()
        for k in range(len(words) - 1, -1, -1):  # the shortest tail the acronym spells, from a word it opens with
            tail = words[k:]
            if tail[0] in ACRONYM_SKIP or tail[0] in LOWER_STOP or tail[0][0] != letters[0]:
                continue
            initials = "".join(w[0] for w in tail if w not in ACRONYM_SKIP)
            if len(tail) >= 2 and (initials == letters or (
                    len(initials) < len(letters) and _letters_in_order(letters, " ".join(tail)))):
                break
        else:
            continue
        head = tail[tail.index("of") - 1] if "of" in tail[1:] else tail[-1]
        typ = pat.heads_en.get(head.capitalize()) if head in pat.lower_heads else (
            "Sector" if tail[-1] in pat.sector_heads else None)
        a = m.end(1)
        for w in reversed(tail):
            a = text.rfind(w, 0, a)
        b = m.end(1)
        if typ is None or typ == "Company" or any(x < b and a < y for x, y in held):
            continue
        out.append((a, b, text[a:b], typ, f"a lower-case name its acronym {acr} spells (head {head!r})", 0.6, acr))
    return out


def _title_inside(name: str, pat: Patterns) -> int | None:
    """Where a person's name starts after a title inside a run of capitalised words (2–5 words after the title,
    none of them a head word), or None."""
    for title in pat.person_titles.get("en", []):
        m = re.search(rf"\s{title}\s+(?=[A-Z])", name)
        if m:
            rest = name[m.end():].split()
            if 2 <= len(rest) <= 5 and not any(w in pat.heads_en for w in rest):
                return m.end()
    return None


LEGAL_SUFFIXES = {"Inc", "Ltd", "Corp", "Co", "LLC", "Limited", "PLC", "GmbH", "AG", "SA", "NV", "BV", "Pte",
                  "L.P", "LP", "LLP"}
FIELD_TYPES = {"Sector", "ChainSegment", "IndustryChain"}
NAME_SUFFIXES = {"Jr", "Sr", "II", "III", "IV"}  # "Joseph R. Biden, Jr.": the end of a person's name, no name alone
COORDINATION = re.compile(r"\s*,\s*(?:and\s+)?(?=[A-Z])|\s+and\s+(?:the\s+)?(?=[A-Z])")


TITLE_OPENS = re.compile(r"(?:Special\s+Agent|Secretary|Director|Administrator|Commissioner|Chair(?:man|woman)?|"
                         r"President|Minister|Ambassador|Senator|Representative|Governor|Assistant|Deputy|Under|"
                         r"Acting|Attorney\s+General)\s+(?:in\s+Charge\s+)?[A-Z]")


def _coordination(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Two names joined by "and" (or a comma) are two names: "Piotech and SiCarrier", "the Department of
    Commerce and the Department of State". One name keeps its "and" when the words before it are a name with
    "of"/"on"/"for" inside ("Bureau of Industry and Security", "Ministry of Economy, Trade and Industry")."""
    seg = text[a:b]
    cuts = []
    for m in COORDINATION.finditer(seg):
        left = seg[:m.start()].split()
        right = seg[m.end():]
        if re.match(rf"{EN_SUFFIX}\b", right):
            continue  # "Co., Ltd.": one name
        if m.group(0).strip() == "and" and re.search(r"\bAct(?:\s+(?:19|20)\d{2})?$", right) \
                and not re.search(r"\b(?:Act|Law)$", seg[:m.start()]):
            continue  # "Foreign Exchange and Foreign Trade Act": one law's title (not "the X Act and the Y Act")
        if m.group(0).strip() == "and" and (BODY_HEAD_END.search(right) or STATE_FIRM_END.search(right)) \
                and not BODY_HEAD_END.search(seg[:m.start()]) and 2 <= len(left) <= 3 \
                and all(w[:1].isupper() for w in left) and not right.startswith(("the ", "The ")) \
                and not FIRM_FORM_EN.fullmatch(" " + left[-1]) and not re.fullmatch(rf"{EN_SUFFIX}\.?", left[-1]):
            continue  # "Public Safety and Homeland Security Bureau": one body's remit (not "the X Bureau and the Y");
            # "Korea Mine Rehabilitation and Mineral Resources Corporation": one corporation's
        if right.startswith(("the ", "The ")) or m.group(0).rstrip().endswith("the") \
                or not {"of", "on", "for", "in"} & set(left) or TITLE_OPENS.match(right) or (
                    NUMBERED_OF_YEAR.search(seg[:m.start()]) and re.match(r"[A-Z]\w+\s+No\.\s+\d", right)):
            # ("Announcement No. 61 of 2025 and Announcement No. 62 of 2025": two numbered notices)
            # ("… District of California and Special Agent in Charge Jane Roe": a post opens another name)
            cuts.append((m.start(), m.end()))
    if not cuts:
        return [(a, b)]
    out, pos = [], 0
    for x, y in cuts:
        out.append((a + pos, a + x))
        pos = y
    out.append((a + pos, b))
    return [(x, y) for x, y in out if y > x]


def _known_company_inside(a: int, b: int, taken: list[tuple[int, int]], known: dict[tuple[int, int], str]) -> bool:
    """A known company's name inside [a, b) (美光 in 美光科技): the name is that company's."""
    return any(a <= x and y <= b and known.get((x, y)) == "Company" for x, y in taken)


def _city_cut(text: str, a: int, lo: int, pat: Patterns) -> int:
    """如无锡华澜半导体设备有限公司: where the segmenter cut the city that opens a firm's name (如无 | 锡华), the name
    starts at the city (patterns.yaml home_places), not inside it; ``lo``: the run's own start."""
    for k in (1, 2):
        if a - k < lo:
            break
        for code, rx in sorted(pat.home_places.items()):
            hit = rx.match(text, a - k) if code == "CN" else None
            if hit is not None and hit.end() > a and all("\u4e00" <= c <= "\u9fff" for c in hit.group(0)):
                return a - k
    return a


# verbs never part of a firm's name (unlike 制造, 投资, 控股, 建设, which are: …集成电路制造有限公司)
ZH_NAME_BREAKS = frozenset({"包括", "包含", "查获", "查处", "隶属", "隶属于", "宣布", "表示", "决定", "收购", "并购",
                            "起诉", "处罚", "约谈", "列入", "纳入", "批准", "成为", "担任", "认为", "指出", "回应",
                            "获得", "取得", "购买", "采购", "禁止", "调查", "审查", "涉及", "针对", "要求", "认定",
                            "指控", "制裁", "警告", "称", "是", "向", "将"})


def _company_start(text: str, a: int, b: int, taken: list[tuple[int, int]], known: dict[tuple[int, int], str],
                   tokens: list[tuple[int, int, str, str]], starts: dict[int, int]) -> tuple[int, int | None]:
    """Where a company name that runs from ``a`` to its legal form at ``b`` starts, and where the known company's
    name it starts with ends when it is that company's name with its legal form (新思科技公司), else None."""
    lead = ZH_LIST_LEAD.match(text, a, b)  # 其中包括深圳…有限公司: the words that open a list are not the name
    if lead and b - lead.end() >= 4:
        a = lead.end()
    join = ZH_LIST_JOIN.match(text, a, b)
    if join and b - join.end() >= 4 and text[a - 1:a] in {"）", ")", "、", "，"}:
        a = join.end()
    for _ in range(3):
        moved = False
        for x, y in sorted(taken):  # a known name that begins the run (美国…) is not part of the company's name;
            # one inside it is (先锋战术通信公司 holds 通信), and so is a company's (通用动力陆地系统公司: its unit)
            if x == a and y < b and known.get((x, y)) not in {"Company", "Organization"} and not (
                    known.get((x, y)) == "Country" and text[y:y + 1] in {"市", "省"}) and not (
                    ZH_REGISTERED.search(text, a, b) and known.get((x, y)) == "Country"):
                # 深圳市…有限公司: its own place; 中国电子信息产业集团有限公司, 深圳芯拓微电子有限公司: a registered
                # name that starts with a place
                a, moved = y, True
            elif x == a and y < b - 2 and text[y:y + 1] in ZH_PAIR_JOIN and known.get((x, y)) in {
                    "Company", "Organization"}:
                a, moved = y + 1, True  # 英伟达与超威半导体（AMD）: two firms joined, not one name
        first = tokens[starts[a]] if a in starts else None
        second = tokens[starts[a] + 1] if a in starts and starts[a] + 1 < len(tokens) else None
        if first is not None and b - first[1] >= 4 and (first[2] in ZH_VERBS or first[2] in ZH_PAIR_WORDS or (
                first[3] == "v" and second is not None and second[3] in ZH_PROPER_FLAGS) or (
                first[3] in {"v", "vn"} and second is not None and second[3] in {"v", "vn"})):
            # 收购安似科技公司, 组织中国宝武…, 投资开发莫罗瓦利…公司, 并与淡水河谷印尼公司: the verb (or the word that
            # joins) before the name is not part of it
            a, moved = first[1], True
        if not moved:
            break
    if a in starts:  # 海关查获云南…有限公司, 服务商包括中国电信贵州公司: a verb no firm's name holds ends the words
        # before it
        k = starts[a]
        while k < len(tokens) and tokens[k][1] <= b - 4:
            if tokens[k][2] in ZH_NAME_BREAKS and tokens[k][3] == "v":
                a = tokens[k][1]
            k += 1
    short = ZH_SHORT_AFTER.match(text, b)
    at = text.find(short.group(1)[:2], a + 1, b) if short is not None else -1
    if a in starts and at > a and at in starts and any(
            t[3] in {"v", "vn", "p"} or t[2] in ZH_DEAL_VERBS for t in tokens[starts[a]:starts[at]]):
        a = at  # 国投集新投资合肥科睿量测技术有限公司（合肥科睿）: the short form after it says where the firm's name
        # starts; the investor and its verb before it are not part of it
    return a, _known_company_end(text, a, b, taken, known)  # 新思科技公司: a known company with its legal form


def _known_company_end(text: str, a: int, b: int, taken: list[tuple[int, int]],
                       known: dict[tuple[int, int], str]) -> int | None:
    """The end of the known company's name that starts at ``a`` when only a legal form follows it up to ``b``."""
    return next((y for x, y in taken if x == a and known.get((x, y)) == "Company"
                 and ZH_LEGAL_FORM.fullmatch(text[y:b])), None)


def _known_company_form(text: str, a: int, b: int, known_end: int, taken: list[tuple[int, int]],
                        blocked: list[tuple[int, int]], out: list[tuple[int, int, str, str | None, str, float,
                                                                         str | None]]) -> bool:
    """新思科技公司: a known company's name with its legal form, as a candidate that names the known company."""
    if not _free(a, b, [sp for sp in blocked if sp not in taken]):
        return False
    out.append((a, b, text[a:b], "Company", "a known company's name with its legal form", 0.7, text[a:known_end]))
    blocked.append((a, b))
    return True


def _outside(a: int, b: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of [a, b) not covered by a gazetteer mention."""
    parts = [(a, b)]
    for x, y in taken:
        nxt = []
        for p, q in parts:
            if y <= p or x >= q:
                nxt.append((p, q))
                continue
            if p < x:
                nxt.append((p, x))
            if y < q:
                nxt.append((y, q))
        parts = nxt
    return parts


# a post in lower case right before a name ("spokesperson He Yadong", "ministry spokesman Lin Jian")
LOWER_TITLE_BEFORE = re.compile(r"(?<![A-Za-z])(?:spokes(?:person|man|woman)|analyst|ambassador|minister|"
                                r"researcher|professor|economist|chairman|director)\s+$")
# a person's name with a middle initial at the end of a longer capitalised run: "… Financial Intelligence Brian E.
# Nelson" after "Under Secretary of the Treasury for"
INITIAL_NAME_END = re.compile(r"(?<=\s)[A-Z][a-z]+(?:\s+[A-Z]\.)+\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")
# … or the two words after a remit of two fields joined ("for Industry and Security Jeffrey Kessler")
REMIT_NAME_END = re.compile(r"\s(?:and|&)\s+(?:[A-Z][\w\-]+\s+){1,3}?([A-Z][a-z]+\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)$")
MISSION_HEADS = {"Embassy", "Consulate"}
# a title with its remit, then a person's first and last name ("Secretary of Homeland Security Kristi Noem")
OFFICE_NAME = re.compile(r"(?:(?:Acting|Deputy|Assistant|Under)\s+)*(?:Secretary|Minister)\s+(?:of|for)\s+(?:the\s+)?"
                         r"(?:[A-Z][\w\-]*,?\s+(?:and\s+|&\s+)?){1,4}?([A-Z][a-z]+\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)")
# a rule's or notice's title in quotes after what it is: an interim final rule, "Revisions to …,"
QUOTED_TITLE = re.compile(r"(?<![A-Za-z])(?:rule|regulation|order|notice|proclamation|memorandum|guidance|"
                          r"entitled|titled)\s*,?\s*[“\"]([A-Z][^\"“”\n]{10,200}?)[,.]?[”\"]")


# what opens a list item before its words ("1. ", "(b) ", "- ")
ITEM_OPENING = re.compile(r"\s*(?:\(?\d{1,3}[.)]|\([a-z]\)|[a-z][.)]|[-*•])\s*")
# the verb of a request or an order that opens a sentence or an item ("Add …", "Designate …")
IMPERATIVE = re.compile(r"(?:Add|Designate|Sanction|Extend|Direct|Require|Enforce|Remove|Impose|Expand|Ban|Restrict|"
                        r"Block|Prohibit|Place|Investigate|Ensure|Deny|Revoke|Bar|Subject|Apply)\s+(?=[A-Z])")
COMPANY_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)?$")


FORMER_POST = re.compile(r"(?:Then|Former|Ex|Now|Acting)-(?=[A-Z])")


VERB_WORDS = re.compile(r"(?:rais|hik|lift|eas|tighten|expand|extend|slash|doubl|tripl|announc|impos|introduc|"
                        r"adopt|approv|finaliz|finalis|unveil|levi|scrapp|paus|suspend|threaten|warn)(?:e|es|ed|s)?")


def _headline_parts(text: str, a: int, b: int, pat: Patterns) -> list[tuple[int, int]]:
    """A run of capitalised words of a headline, cut at its verbs (a word in -s that is a verb of acting on a measure
    and no head word): the parts before and after each."""
    parts, start = [], a
    for w in re.finditer(r"[A-Z][a-z]+s(?![\w\-])", text[a:b]):
        word = w.group(0)
        if word in pat.heads_en or not _verb_word(word.lower(), pat):
            continue
        if text[start:a + w.start()].strip():
            parts.append((start, a + len(text[:a + w.start()].rstrip()) - a))
        start = a + w.end() + (len(text[a + w.end():b]) - len(text[a + w.end():b].lstrip()))
    if start < b and text[start:b].strip():
        parts.append((start, b))
    return parts


def _verb_word(word: str, pat: Patterns) -> bool:
    """A lower-case word that is a verb of acting on a measure (raised, imposes) or a relation's trigger word."""
    return VERB_WORDS.fullmatch(word) is not None or pat.triggers_en.fullmatch(word) is not None


# a place and a participle before a firm's name: "Perth-based", "Hong Kong-registered", "Shenzhen-headquartered"
PLACE_BASED = re.compile(r"(?:[A-Z][\w.'’]*\s+)?[A-Z][\w.'’]*-(?:based|registered|headquartered|listed|incorporated)"
                         r"\s+")
# a head word used as a verb: its object follows ("The CCP controls the labs", "Beijing bans all exports")
VERB_OBJECT_AFTER = re.compile(r"\s+(?:the|a|an|its|their|his|her|all|most|much|over|some|any|these|those)\b")
BODY_HEAD_END = re.compile(r"\b(?:Bureau|Office|Commission|Council|Committee|Agency|Administration|Department|"
                           r"Institute|Association|Center|Centre|Authority|Service|Directorate|Division)$")
STATE_FIRM_END = re.compile(r"\bCorporation$")
ROOM_NUMBER = re.compile(r"(?:Office|Flat|Room|Unit|Suite)\s+\d[\w\-]*")
MODALS = frozenset({"may", "might", "can", "could", "would", "will", "shall", "must", "should"})
DIVISIONS = frozenset({"Schedule", "Annex", "Appendix", "Article", "Chapter", "Part", "Paragraph", "Clause",
                       "Supplement"})


def _trim(text: str, a: int, b: int, pat: Patterns, sentence_start: bool) -> tuple[int, int]:
    """Drop leading stop words ("The", "Under") and dangling connectors or possessives at either end, and a verb
    in -ing that opens a sentence ("Taking WuXi Biologics off …"; not a place such as Beijing)."""
    while b > a and text[b - 1].isspace():
        b -= 1
    while a < b and text[a].isspace():
        a += 1
    based = PLACE_BASED.match(text, a, b)
    if based and b - based.end() >= 3:
        a = based.end()  # "Perth-based Jade Harbour Investment Pty Ltd": where the firm is, then its name
    former = FORMER_POST.match(text, a, b)
    if former:
        a = former.end()  # "Then-Secretary Janet L. Yellen": the post's time is no part of a name
    g = GERUND.match(text, a, b)
    if sentence_start and g:
        a = g.end()
    v = IMPERATIVE.match(text, a, b)
    if sentence_start and v:
        a = v.end()  # "1. Add Quartzmind Technologies to …": a request's verb, not the name's first word
    while True:
        seg = text[a:b]
        m = re.match(r"^(\S+)\s+", seg)
        first = m.group(1) if m else seg
        if m and first in CN_SURNAMES and LOWER_TITLE_BEFORE.search(text, 0, a) and \
                PINYIN_NAME.fullmatch(seg[m.end():]):
            break  # "spokesperson He Yadong": a surname that is also a word opens the name a title precedes
        words = seg.split()
        if m and first in HEADED_OPENERS and len(words) >= 3 and words[1] not in pat.stop_words and \
                pat.heads_en.get(words[-1].rstrip(".,")) in HEADED_TYPES:
            break  # "Federal Acquisition Regulatory Council", "Central Military Commission": the name's own word
        if m and first in DIVISIONS and re.match(r"\S+\s+[\dIVXL]+[A-Za-z]?\s+(?:of|to)\s", seg):
            a += m.end()  # "Schedule 3 of the Export Control Order 2008": a part of the named measure
            continue
        if m and (first in pat.stop_words or (first.lower() in CONNECTORS and first != "De") or (
                re.fullmatch(r"\d[\dA-Z\-]*", first) and re.match(r"\S+\s+(?:of|in|to|for)\s", seg))):
            a += m.end()  # "The", "Under"; "12 of the …" (the rest of "Section 12 of the …"); not "De Minimis"
            continue
        seg = text[a:b]
        m2 = re.search(r"\s+(\S+)$", seg)
        if m2 and m2.group(1).lower() in CONNECTORS:
            b = a + m2.start()
            continue
        break
    seg = text[a:b]
    at = COMPANY_IN_PLACE.search(seg)
    if at is not None and pat.heads_en.get(seg[:at.start()].split()[-1].rstrip(".,")) == "Company":
        b = a + at.start()  # "MP Materials in California": a firm and where it works, not one name
        seg = text[a:b]
    for suffix in ("'s", "’s", ".", ","):
        if seg.endswith(suffix) and not seg.endswith(("Inc.", "Co.", "Corp.", "Ltd.")):
            b -= len(suffix)
            seg = text[a:b]
    while b > a and not text[b - 1].isalnum():
        b -= 1
    while a < b and not text[a].isalnum():
        a += 1
    return a, b


# stop words that open a name of three words or more when its last word is a body's or a measure's head ("Federal
# Acquisition Regulatory Council", "Federal Acquisition Regulation"; not "Federal Register notice")
HEADED_OPENERS = {"Federal", "Central", "North", "South", "East", "West"}
HEADED_TYPES = {"Agency", "Organization", "Law", "Policy"}
GERUND = re.compile(r"[A-Z][a-z]*[^jqnmJQNM\W]ing\s+(?=[A-Z])")


def _initials_match(words: list[str], acr: str) -> bool:
    """An acronym of the name, or a short form made of its own words ("Xiamen Limbach")."""
    short = acr.split()
    if len(short) == 2 and short[0].isupper() and short[1] in words[1:] and short[0] not in words:
        # "Comprehensive Outbound Investment National Security Act of 2025 (COINS Act)": the acronym of the
        # words before the name's head, and the head
        return _initials_match(words[:words.index(short[1])], short[0])
    initials = "".join(w[0] for w in words if w[:1].isupper() or w[:1].isdigit())
    if len(short) == 1 and not acr.isupper() and acr[:1].isupper() and len(initials) >= 3 \
            and acr.upper().startswith(initials[:3]) and acr not in words:
        return True  # "Ministry of Electronics and Information Technology (MeitY)": an acronym in mixed case
    if len(short) == 1 and not acr.isupper() and acr[:1].isupper() and len(words) >= 3 and acr not in words \
            and _letters_in_order(acr.lower(), " ".join(words).lower()):
        return True  # "National Center for the Advancement of Semiconductor Technology (Natcast)": a short form
        # whose letters the name spells in order, from its first letter
    if len(short) > 1 or not acr.isupper():
        return all(w in words for w in short) and len(short) < len(words)
    letters = re.sub(r"[^A-Z]", "", acr.upper())
    # "International Development Finance Corporation (DFC)": the acronym of its last words
    return bool(letters) and len(letters) >= 2 and (
        letters[0] == initials[:1].upper() or (len(letters) >= 3 and initials.upper().endswith(letters)))


def _letters_in_order(short: str, long: str) -> bool:
    """``short`` (4 letters or more, at most half as long) opens like ``long`` and each of its letters follows the one
    before it in ``long``."""
    if len(short) < 4 or 2 * len(short) > len(long) or short[0] != long[0]:
        return False
    at = 0
    for ch in short:
        at = long.find(ch, at) + 1
        if at == 0:
            return False
    return True


# "Chen Weidong", "Wang Lihua": a common Chinese surname, then a given name of one or two pinyin syllables (a
# word that is not pinyin, "Li Auto", is not a given name)
_SURNAMES = (
    "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie Song Tang "
    "Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Ding Ren Lu Yao Shen Zhong "
    "Cui Tan Fan Liao Shi Jin Jia Xia Fu Fang Zou Xiong Bai Meng Qin Qiu Hou Yin Xue Yan Duan Lei Long Tao Mao Hao "
    "Gu Gong Shao Wan Qian Dai Kong Xiang Niu Zhai Ou Yi Ning")
CN_SURNAMES = frozenset(_SURNAMES.split())
_PY_INITIAL = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_PY_FINAL = (r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|ia|ie|in|iu|ua|uo|ui|un|"
             r"ue|a|o|e|i|u|v)")
ADDRESS_REST = re.compile(r"\s*(?:,\s*[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,2}){1,4}\s*[;.\[]")
# "Alan F. Estevez", "Thea D. Rozman Kendler": a first name, one initial, a surname of one or two words
MIDDLE_INITIAL = re.compile(r"[A-Z][a-z]{1,15}\s+[A-Z]\.\s+[A-Z][a-z'\-]{1,20}(?:\s+[A-Z][a-z'\-]{1,20})?")
# Hokkien, Teochew and Cantonese spellings of common surnames (Singapore, Malaysia, Hong Kong), whose given names are
# not pinyin ("Tan Kok Leong", "Chan Ho-yin")
SOUTHERN_SURNAMES = frozenset({"Lim", "Tan", "Ng", "Goh", "Ong", "Koh", "Teo", "Chua", "Chan", "Wong", "Cheung",
                               "Leung",
                               "Lau", "Tsang", "Yeung", "Kwok", "Chow", "Tse", "Yip", "Lai", "Choi", "Kwan", "Tay",
                               "Quek", "Seah", "Yeo", "Toh", "Heng", "Low", "Foo", "Loh"})
SOUTHERN_GIVEN = re.compile(r"[A-Z][a-z]{1,6}(?:-[a-z]{1,6})?")
PINYIN_NAME = re.compile(rf"(?=[A-Z][a-z]+$)(?:{_PY_INITIAL}{_PY_FINAL}){{1,2}}", re.IGNORECASE)


def _type_en(text: str, a: int, b: int, words: list[str], pat: Patterns) -> tuple[str | None, str, float]:
    if LAW_YEAR_END.search(" ".join(words)):  # "… Act of 2021", "… Act for Fiscal Year 2021": a law
        return "Law", "head word 'Act' before the year of its title", 0.75
    head = words[-1].rstrip(".")
    if len(words) > 3 and words[-2] == "in" and words[-1][:1].isupper() and words[-3] in pat.heads_en:
        head = words[-3]  # "National Supercomputing Center in Wuxi"
    if re.fullmatch(r"\d{1,5}[A-Z]?", head) and len(words) > 1 and words[-2] in pat.heads_en:
        head = words[-2]  # "Executive Order 14024", "Public Law 117", "List 4A"
    elif re.fullmatch(r"\d{1,4}[A-Z]?", head) and len(words) > 2 and words[-2] == "No." and words[-3] in pat.heads_en:
        head = words[-3]  # "Announcement No. 46", "General License No. 1B"
    elif head.isdigit() and len(words) > 4 and words[-2] == "of" and words[-4] == "No." and words[-5] in pat.heads_en:
        head = words[-5]  # "Announcement No. 23 of 2023"
    if head not in pat.heads_en and head.capitalize() in pat.heads_en:
        head = head.capitalize()  # "rule", "LTD", "MATERIALS"
    titles = pat.person_titles.get("en", [])
    before = text[max(0, a - 40):a]
    if len(words) in (2, 3) and PARTY_STATE_AFTER.match(text, b):
        return "Person", "a name with a party and a state after it (a member of Congress)", 0.7
    if len(words) in (2, 3) and PERSON_TITLE_AFTER.match(text, b) and not any(w in pat.heads_en for w in words):
        return "Person", "a name with a post after it (…, Director, …)", 0.65
    if len(words) in (2, 3) and PERSON_POST_AFTER.match(text, b) and not any(w in pat.heads_en for w in words):
        return "Person", "a name the sentence gives a post (serves as director of …)", 0.65
    if len(words) in (2, 3) and not any(w.rstrip(".") in pat.heads_en for w in words) and (
            PERSON_APPOSITION.match(text, b) or TITLE_COMMA_BEFORE.search(text[max(0, a - 120):a])):
        return "Person", "a name a person's apposition follows or a title and a comma precede", 0.6
    if len(words) in (2, 3) and PLURAL_TITLE_BEFORE.search(before):
        return "Person", "the second name after a plural title (Sens., Reps.)", 0.65
    for title in titles:
        # "Secretary Raimondo", "Secretary of the Treasury Janet L. Yellen", "Under Secretary for Industry and
        # Security Alan Estevez"
        if re.search(rf"(?<![A-Za-z]){title}(?:\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w.&'\-]*\s+(?:(?:and|of)\s+)?)+"
                     rf")?\s*$", before) or re.match(rf"^{title}\s+[A-Z]", text[a:b]):
            return "Person", f"a name after the title {title.rstrip(chr(92)).rstrip('.')!r}", 0.7
    if len(words) in (2, 3) and not any(w.rstrip(".") in pat.heads_en for w in words) and (
            PERSON_ROLE.search(before) or re.search(r"(?<![A-Za-z])said\s+$", before) or ROLE_BEFORE.search(before)):
        return "Person", "a name the sentence gives a person's role (director, said)", 0.6
    if len(words) > 1 and words[0] in COMPANY_FORMS:
        return "Company", f"a company form {words[0]!r} before the name", 0.75
    if len(words) in (2, 3) and words[0] in CN_SURNAMES and all(PINYIN_NAME.fullmatch(w) for w in words[1:]) \
            and not (re.search(r",\s*$", before) and ADDRESS_REST.match(text, b)):  # ", Wan Chai, Hong Kong;"
        return "Person", "a Chinese personal name in pinyin (a surname, then a given name)", 0.6
    if 3 <= len(words) <= 4 and MIDDLE_INITIAL.fullmatch(" ".join(words)) and \
            not any(w.rstrip(".") in pat.heads_en for w in words):
        return "Person", "a personal name with a middle initial (first name, initial, surname)", 0.7
    if len(words) in (2, 3) and words[0] in SOUTHERN_SURNAMES and all(SOUTHERN_GIVEN.fullmatch(w) for w in words[1:]) \
            and not any(w in pat.heads_en for w in words):
        return "Person", "a Chinese personal name in a southern romanisation (Lim Wei Jie, Chan Ho-yin)", 0.55
    lead = words[0]
    if len(words) > 2 and lead in pat.heads_en and words[1].lower() in {"on", "of", "for", "to"}:
        return pat.heads_en[lead], f"a name that starts with {lead!r}", 0.7  # "Regulation on …", "Act to …"
    for i in (1, 2):  # "House Committee on Oversight …", "Senate Select Committee on Intelligence"
        if len(words) > i + 2 and words[i] in pat.heads_en and words[i + 1].lower() in {"on", "of", "for"} and \
                pat.heads_en[words[i]] != "Company":
            return pat.heads_en[words[i]], f"a name whose head {words[i]!r} comes before its complement", 0.7
    if ROOM_NUMBER.fullmatch(text[a:b]):
        return None, "a part of an address (a room or an office by its number)", 0.3  # "Office 304"
    if (acr_head := ACRONYM_THEN_HEAD.match(text, b)) is not None and not COMPANY_END.search(text[a:b]) \
            and (typ_head := pat.heads_en.get(acr_head.group(1).capitalize())) not in {None, "Company"}:
        # "the Trusted and Assured Microelectronics (T&AM) program": the head after the acronym types the name
        return typ_head, f"the head {acr_head.group(1)!r} after its acronym", 0.65
    if head in pat.heads_en and len(words) > 1:
        typ = pat.heads_en[head]
        if typ == "Agency" and head == "Administration" and len(words) == 2:
            return None, "a two-word '… Administration' (an agency or a presidency)", 0.3
        return typ, f"head word {head!r}", 0.75
    for k, w in enumerate(words[1:], 1):
        if any(x.islower() and x not in {"and", "&"} for x in words[1:k]):
            break  # "Matter of Protecting Against … Threats to the Communications Supply Chain": a title's words
        if pat.heads_en.get(w.rstrip(".")) == "Company" or pat.heads_en.get(w.rstrip(".").capitalize()) == "Company":
            return "Company", f"company word {w!r}", 0.7
    if _address_part(text[a:b], pat):
        return None, "a part of an address (a street, a district, a city)", 0.3
    if COMPANY_CUES.search(before) or COMPANY_APPOSITION.match(text[b:]) or ZH_COMPANY_CUE.search(before) or \
            SUCH_AS_FIRMS.search(text[max(0, a - 60):a]):
        return "Company", "the sentence calls it a company", 0.6
    if (typ_said := _apposition_type(text, b)) is not None:
        return typ_said
    if len(words) == 1 and words[0].isupper():
        return None, "an acronym the gazetteer lacks", 0.3
    return None, "a capitalised name; its type is not stated", 0.3


# what an apposition right after a name calls it: "WindEurope, the Brussels-based trade association", "Plan México,
# her industrial strategy", "Margaret Quarles (Partner, New York)", "Dana Roe, a spokesperson for …"
APPOSITION_KINDS = {
    "Organization": r"association|alliance|coalition|consortium|think[\s\-]tank|institute|university|federation|"
                    r"lobby(?:\s+group)?|trade\s+group|industry\s+group|non-?profit|foundation|chamber",
    "Policy": r"strategy|plan|policy|rule|regulation|framework|decree|directive|guidance",
    "Programme": r"programme|program|initiative|scheme|fund",
    "Law": r"law|act|statute|bill",
    "Agency": r"agency|ministry|regulator|watchdog|court|tribunal|department|authority",
    "Person": r"spokes(?:person|man|woman)|chief\s+executive|CEO|chair(?:man|woman)?|founder|analyst|director|"
              r"partner|counsel|economist|lawyer|attorney|minister|secretary|senator|lawmaker|official|researcher|"
              r"professor|fellow|president",
}
APPOSITION = re.compile(r"\s*(?:,\s*(?:a|an|the|her|his|its|their)\s+(?:[\w\-.’']+\s+){0,3}?|\(\s*)("
                        + "|".join(f"(?P<{t}>{w})" for t, w in APPOSITION_KINDS.items()) + r")s?(?![\w\-])",
                        re.IGNORECASE)


ACRONYM_THEN_HEAD = re.compile(r"\s*\([A-Z][A-Za-z0-9&.\-]{1,11}\)\s+([a-z]+)(?![\w\-])")


def _apposition_type(text: str, end: int) -> tuple[str, str, float] | None:
    """The type an apposition right after a name gives it (a noun of one kind of thing after a comma and an article
    or a possessive, or a title in brackets), with the reason; None when there is none."""
    m = APPOSITION.match(text, end)
    if m is None:
        return None
    typ = next(t for t, v in m.groupdict().items() if v)
    return typ, f"the apposition after it says what it is ({m.group(1).lower()})", 0.55


TITLE_ONLY = re.compile(r"(?:(?:Deputy|Assistant|Acting|Principal|Associate|Chief|Senior|Under|Vice|Executive)"
                        r"(?:\s+|-))*"  # ("Executive Vice-President for …")
                        r"(?:Secretary|Attorney General|Director|Administrator|Minister|Commissioner|"
                        r"Chair(?:man|woman)?|"
                        r"President|Ambassador|Counsel|Spokes(?:person|man|woman)|Member|Representative|Senator)")
TITLE_REMIT = re.compile(TITLE_ONLY.pattern + r"\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w\-]*"
                         r"(?:,?\s+(?:and\s+|&\s+)?[A-Z][\w\-]*)*"
                         r"|(?:[A-Z][\w\-]*\s+){0,3}(?:Advis[eo]r|Czar)")
# "Dana Whitfield, Director,", "Thomas R. Feld, former Assistant Secretary of Commerce"
PERSON_TITLE_AFTER = re.compile(r"\s*,\s*(?:the\s+)?(?:former\s+|then-)?" + TITLE_ONLY.pattern + r"\b")
# "Michael Schmidt serves as director of the CPO", "… was appointed chair of …": a post the sentence gives the name
PERSON_POST_AFTER = re.compile(r"\s+(?:serves|served|will serve|has served|is serving|was (?:named|appointed)|"
                               r"has been (?:named|appointed)|became)\s+(?:as\s+)?(?:the\s+)?(?:its\s+)?"
                               r"(?:acting\s+|interim\s+|deputy\s+|first\s+)?(?:director|head|chair(?:man|woman)?|"
                               r"president|administrator|secretary|commissioner|chief executive|CEO|ambassador|"
                               r"spokes(?:person|man|woman)|minister|governor)\b", re.IGNORECASE)
PARTY_STATE_TEXT = r"(?:R|D|I)-(?:[A-Z]{2}|[A-Z][a-z]{1,4}\.?|[A-Z]\.[A-Z]\.)"  # R-MI, R-Mich., D-N.C.
PARTY_STATE_AFTER = re.compile(rf"\s*\({PARTY_STATE_TEXT}\)")
# "Sens. Mike Rounds and Mark Warner": the second name of a plural title
PLURAL_TITLE_BEFORE = re.compile(r"(?<![A-Za-z])(?:Sens|Reps|Senators|Representatives)\.?\s+"
                                 r"(?:[A-Z][\w'’\-]*\.?\s+){1,3}and\s+$")
PARTY_STATE = re.compile(rf"^{PARTY_STATE_TEXT}$")
# "X, a Russian national", "X, the Dubai-based manager of …": an apposition that makes X a person
PERSON_APPOSITION = re.compile(r"\s*,\s*(?:\d{1,3}\s*,\s*)?"  # ("X, 38, a U.S. citizen")
                               r"(?:(?:a|an|the|its|their)\s+(?:[\w\-.]+\s+){0,3}?(?:national|citizen|resident|"
                               r"director|manager|chairman|chairwoman|founder|co-founder|owner|shareholder|"
                               r"spokes(?:person|man|woman)|engineer|employee|broker|trader)\b|"
                               # "Lael Brainard, director of the …": a post of a body, with no article
                               r"(?:(?:deputy|acting|former)\s+)?(?:director|chair(?:man|woman)?|head|chief executive|"
                               r"secretary|minister|president|spokes(?:person|man|woman)|founder|administrator)"
                               r"\s+(?:of|at|for)\s|"
                               # "Ashwini Vaishnaw, who heads the Ministry …": who, not which, follows a person
                               r"who\s+(?:heads|leads|chairs|runs|is|was|has|had|said|told|serves|served|led|headed|"
                               r"ran|chaired|oversaw|oversees|founded)\b)")
# "the Dutch Minister for Foreign Trade and Development Cooperation, Liesje Schreinemacher,": a title, a comma, a name
TITLE_COMMA_BEFORE = re.compile(r"(?<![A-Za-z])(?:Minister|Secretary|Director|Ambassador|Commissioner|"
                                r"Chair(?:man|woman)?|Spokes(?:person|man|woman)|President|Administrator)"
                                r"(?:\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w.&'\-]*\s*(?:(?:and|of|for|,)\s+)?)+)?\s*,\s*$")
PERSON_ROLE = re.compile(r"(?<![A-Za-z])(?:director|chairman|chairwoman|founder|co-founder|owner|chief executive|"
                         r"spokesperson|spokesman|spokeswoman|general manager|president|CEO)(?:\s+[A-Z][\w.]*)?"
                         r"\s*,\s*$")
# a role in lower case right before a name: "Dutch trade minister Liesje Schreinemacher", "analyst Dana Whitfield"
ROLE_BEFORE = re.compile(r"(?<![A-Za-z])(?:minister|secretary|spokes(?:person|man|woman)|ambassador|commissioner|"
                         r"chief\s+executive(?:\s+officer)?|CEO|founder|president|"
                         r"chair(?:man|woman)?|director|premier|senator|lawmaker|analyst|official|economist|"
                         r"representative)\s+$")
# legal forms written before a company's name (Russian and other post-Soviet registers)
COMPANY_FORMS = {"JSC", "OOO", "OAO", "ZAO", "PJSC", "AO", "PAO", "TOO", "OJSC", "CJSC", "LLP"}


def _strip_title(text: str, a: int, b: int, pat: Patterns) -> tuple[int, str]:
    for title in [*pat.person_titles.get("en", []), r"(?:Ranking\s+)?Member"]:  # "Ranking Member Raja …"
        m = re.match(rf"^{title}\s+", text[a:b])
        if m:
            a += m.end()
    return a, text[a:b]


ZH_CHAIN_LINKS = re.compile(r"(?:产业链|供应链|链条)"
                            r"(?:的|中的|上的|上游的|下游的|在|于|(?:可|主要)?(?:分为|包括|包含|涵盖))?"
                            r"((?:[\u4e00-\u9fff]{2,8}?[、和及与])+[\u4e00-\u9fff]{2,8}?)(?:等)?"
                            r"(?:[0-9一二三四五六七八九十]+(?:个|大))?(?:环节|链节)")
ZH_CHAIN_WORD = re.compile(r"产业链|供应链")
# 支持芯片设计、服务器制造、算力调度等算力产业链环节: the links named before the chain they belong to
ZH_CHAIN_LINKS_BEFORE = re.compile(r"((?:[\u4e00-\u9fff]{2,8}?、)+[\u4e00-\u9fff]{2,8}?)等"
                                   r"([\u4e00-\u9fff]{2,8}?(?:产业链|供应链))(?:的)?(?:各|关键|重点)?(?:环节|链节)")
# 突破精密减速器、伺服电机和力传感器等环节，夯实人形机器人产业链: the links, then (in the next clause) their chain
# what the list's clause does to the chain after it (…等环节，夯实…): proposals' zh-links-then-chain reads it too
ZH_LINKS_TO_CHAIN = (r"等(?:关键|核心|重点)?(?:环节|链节)[，,]?(?:以|从而|进而|全面)?"
                     r"(?:夯实|完善|强化|提升|壮大|延伸|补齐|打造|构建|巩固|稳定|健全|增强|带动|保障|畅通|贯通|补强)(?:了)?")
ZH_LINKS_THEN_CHAIN = re.compile(r"((?:[\u4e00-\u9fff]{2,8}?、)+[\u4e00-\u9fff]{2,8}?(?:[和及][\u4e00-\u9fff]{2,8}?)?)"
                                 + ZH_LINKS_TO_CHAIN + r"([\u4e00-\u9fff]{2,8}?(?:产业链|供应链))")
ZH_LINK_SPLIT = re.compile(r"、|[和及](?=[^、]*$)")
ZH_LINK_LEAD = re.compile(r"支持|推动|发展|加快|布局|覆盖|包括|涵盖|聚焦|围绕|投向|突破|攻克|攻关")
ZH_CHAIN_POSITION = re.compile(r"(?:上游|中游|下游)(?:环节)?(?:主要)?(?:为|是|包括|涵盖)"
                               r"((?:[\u4e00-\u9fff]{2,8}?[、和及])*[\u4e00-\u9fff]{2,8}?)(?=等|环节|[，。；,;]|$)")
ZH_BODY_AFTER = re.compile(r"(?:工作机制办公室|工作机制|领导小组|办公室|委员会|管理局|监管局|办公厅)")
ZH_QUOTED = re.compile(r"[“\"]([\u4e00-\u9fffA-Za-z0-9·]{4,24})[”\"]")
QUOTED_TYPES = {"Programme", "Policy", "Instrument", "Law"}
ZH_FIRM_WORDS = ("科技", "微电子", "半导体", "电子", "光电", "股份", "控股", "实业", "集成", "芯")
ZH_DEAL_VERBS = {"投资", "入股", "领投", "参股", "增资", "注资", "收购", "并购", "控股"}
ZH_TOWARDS = {"对华", "对美", "对日", "对俄", "对欧", "对台", "对外"}
# words of a phrase, not of a quoted technology's name (“在全球任何地方使用昇腾芯片”)
ZH_NOT_IN_GOODS = re.compile(r"[的了在是将把被对均都]|使用|表示|可能|任何|所有")
ZH_QUOTED_INDUSTRY = ("制造业", "加工业", "服务业", "开采业", "采矿业")  # a category of industry, by its name
ZH_PLACE_UNIT = re.compile(r"[（(][\u4e00-\u9fff]{2,4}[）)](?:股份有限公司|有限责任公司|有限公司|公司)")


def _chinese(s: Sentence, taken: list[tuple[int, int]], pat: Patterns,
             known: dict[tuple[int, int], str] | None = None) -> list[
        tuple[int, int, str, str | None, str, float, str | None]]:
    """Chinese names: titles in 《》 that end like a law or a policy, and runs of nouns (jieba's segmentation
    and part-of-speech tags) that end in a head word and hold at least one proper noun."""
    text = s.text
    if not HAN.search(text):
        return []
    out: list[tuple[int, int, str, str | None, str, float, str | None]] = []
    blocked = list(taken)
    for m in ZH_TITLE.finditer(text):
        a, b = m.start(1), m.end(1)
        blocked.append((m.start(), m.end()))
        inner = m.group(1)
        bare = TITLE_PERIOD.sub("", inner)  # 《…行动方案（2025—2027年）》: the head is before the period it covers
        typ = next((t for end, t in pat.heads_zh if bare.endswith(end) and t in {"Law", "Policy", "Instrument"}),
                   None)
        if typ is None and re.search(r"[\u4e00-\u9fff]\s*\d{4}年第\d{1,4}号$", bare):
            typ = "Policy"  # 《商务部　科技部公告2023年第57号》: a notice by its number
        elif typ is None and bare.endswith(("计划", "规划", "目录")):
            typ = "Policy"  # 《…人力资源发展计划》, 《…指导目录（2024年版）》: a plan or a catalogue with a title
        elif typ is None and (after := ZH_TITLE_OF.match(text, m.end())) is not None:
            # 题为《实体清单增列与现有条目修订》（Additions to …）的最终规则: the words after the title say what it is
            typ = next((t for end, t in pat.heads_zh if after.group(1).endswith(end)
                        and t in {"Law", "Policy", "Instrument", "Programme"}), None)
        if typ is None or (a, b) in taken:
            continue  # a book or an article, not a measure; or a title the gazetteer knows
        english = TITLE_LATIN.match(text, m.end())  # 《…条例》（Regulation on …）: one measure, two names
        # (without a Latin form, the title without its period is its other name: 《…行动方案（2025—2027年）》)
        out.append((a, b, inner, typ, f"a title in 《》 ending in {inner[-2:]!r}", 0.8,
                    english.group(1) if english else bare.strip() if bare != inner and len(bare) >= 4 else None))
    for m in ZH_RATE_TARIFF.finditer(text):  # 301关税, 100%关税: a tariff named by its section or its rate
        if not any(x < m.end() and m.start() < y for x, y in blocked):
            out.append((m.start(), m.end(), m.group(0), "Instrument", "a tariff named by its section or its rate",
                        0.6, None))
            blocked.append((m.start(), m.end()))
    for m in ZH_STAGED_REMEDY.finditer(text):
        if _free(m.start(), m.end(), blocked):
            out.append((m.start(), m.end(), m.group(0), "Instrument", "a trade remedy named by its stage (临时, 最终)",
                        0.6, None))
            blocked.append((m.start(), m.end()))
    for m in ZH_CHAIN_LINKS.finditer(text):  # 稀土产业链的开采、冶炼分离和永磁材料环节: each a link of the chain
        at = m.start(1)
        # 、和及 part the links; 与 joins two things of one link (上游设备与材料); 上游/中游/下游 says where the
        # link sits, not what it is
        for part in re.split(r"([、和及])", m.group(1)):
            a, b = at, at + len(part)
            at = b
            if part[:2] in {"上游", "中游", "下游"} and len(part) >= 4:
                a, part = a + 2, part[2:]
            if len(part) < 2 or part in "、和及" or not _free(a, b, blocked):
                continue
            out.append((a, b, part, "ChainSegment", "a link of the chain, listed before 环节", 0.6, None))
            blocked.append((a, b))
    for m in [*ZH_CHAIN_LINKS_BEFORE.finditer(text), *ZH_LINKS_THEN_CHAIN.finditer(text)]:
        at = m.start(1)
        parts = ZH_LINK_SPLIT.split(m.group(1))
        lead_end = max((x.end() for x in ZH_LINK_LEAD.finditer(parts[0])), default=0)
        for k, part in enumerate(parts):
            a, b = at, at + len(part)
            at = b + 1
            if k == 0 and lead_end:  # (基金)支持芯片设计: the verb (and who does it) is not the link's
                a, part = a + lead_end, part[lead_end:]
            # a known name inside a link (服务器 of 服务器制造) is part of it; one that is the link names it
            if len(part) >= 2 and (a, b) not in taken and _free(a, b, _but_known_inside(a, b, blocked, taken)):
                why = "…等…产业链环节" if m.re is ZH_CHAIN_LINKS_BEFORE else "…等环节，…产业链"
                out.append((a, b, part, "ChainSegment", f"a link of the chain, listed before {why}", 0.6, None))
                blocked.append((a, b))
        a, b = m.span(2)
        if (a, b) not in taken and _free(a, b, _but_known_inside(a, b, blocked, taken)):
            out.append((a, b, m.group(2), "IndustryChain", "the chain whose links are listed before it", 0.6, None))
            blocked.append((a, b))
    if ZH_CHAIN_WORD.search(text):  # 产业链上游为冶炼分离，中游为磁体制造: each a link, by where it sits
        for m in ZH_CHAIN_POSITION.finditer(text):
            at = m.start(1)
            for part in re.split(r"([、和及])", m.group(1)):
                a, b = at, at + len(part)
                at = b
                if len(part) < 2 or part in "、和及" or not _free(a, b, blocked):
                    continue
                out.append((a, b, part, "ChainSegment", "a link of the chain, by where it sits (上游为…)", 0.6,
                            None))
                blocked.append((a, b))
    for m in ZH_QUOTED.finditer(text):  # “人形机器人揭榜挂帅专项”: a quoted name that ends in a programme's head
        a, b = m.start(1), m.end(1)
        inner = m.group(1)
        typ = next((t for end, t in pat.heads_zh if inner.endswith(end) and t in QUOTED_TYPES), None)
        if typ is None and len(inner) >= 5 and (inner.endswith(ZH_QUOTED_INDUSTRY) or (next(
                (t for end, t in pat.heads_zh if inner.endswith(end)), None) == "Sector" and len(inner) <= 14
                and not ZH_NOT_IN_GOODS.search(inner) and not any(v in inner[:-2] for v in ZH_VERBS))):
            typ = "Sector"  # 在“电气机械和器材制造业”项下新增“电池正极材料制备技术”: an industry, a technology
        if typ is None or len(inner) - 2 < 2 or (a, b) in taken or not all(
                y <= m.start() or x >= m.end() or (a <= x and y <= b) for x, y in blocked):
            continue  # (known names inside it are part of it)
        out.append((a, b, inner, typ, f"a quoted name ending in {inner[-2:]!r}", 0.7, None))
        if (quoted_latin := ZH_QUOTED_LATIN.match(text, m.end())) is not None:
            # “电子元器件制造计划”（Electronics Component Manufacturing Scheme，ECMS）: its Latin form and acronym
            for form in (quoted_latin.group(1), quoted_latin.group(2)):
                if form:
                    out.append((a, b, inner, typ, f"a quoted name ending in {inner[-2:]!r} with its Latin form",
                                0.7, form.strip()))
        blocked.append((m.start(), m.end()))
    for m in ZH_NUMBERED.finditer(text):
        a = _notice_start(text, m, taken)
        # the issuer's name inside it (税委会公告…) is part of the notice's name
        if all(y <= a or x >= m.end() or (a <= x and y <= m.end()) for x, y in blocked):
            out.append((a, m.end(), text[a:m.end()], "Policy", "a numbered notice or order", 0.7, None))
            blocked.append((a, m.end()))
    for rx, reason in ((ZH_NOTICE_TITLE, "a notice's title (关于…的通知)"),
                       (ZH_DOC_NUMBER, "a document number (…〔年〕号)")):
        for m in rx.finditer(text):
            a = m.start()  # known names inside it (集成电路 in the title, 工信部 in the number) are part of it
            if all(y <= a or x >= m.end() or ((x, y) in taken and a <= x and y <= m.end()) for x, y in blocked):
                out.append((a, m.end(), m.group(0), "Policy", reason, 0.7, None))
                blocked.append((a, m.end()))
    for (x, y), typ in (known or {}).items():  # 华虹半导体（无锡）有限公司: a known company's firm in a place
        unit = ZH_PLACE_UNIT.match(text, y)
        if typ == "Company" and unit and _free(x, unit.end(), [sp for sp in blocked if sp != (x, y)]):
            out.append((x, unit.end(), text[x:unit.end()], "Company",
                        "a known company's name with a place in brackets and a legal form: its firm there", 0.7, None))
            blocked.append((x, unit.end()))
    for (x, y), typ in (known or {}).items():  # 网络安全审查办公室: a known measure's name before a body's head
        head = ZH_BODY_AFTER.match(text, y)
        if typ in {"Instrument", "Policy", "Law", "Programme", "Sector"} and head is not None \
                and _free(x, head.end(), [sp for sp in blocked if sp != (x, y)]):
            out.append((x, head.end(), text[x:head.end()], "Agency",
                        f"a known name before the head {head.group(0)!r}: the body that runs it", 0.65, None))
            blocked.append((x, head.end()))
    for a, b, how in _origin_goods(text):  # 对原产于美国的液化天然气、煤炭加征15%关税: the goods are sectors
        # a known word inside the goods' name (汽车 of 汽车零部件) is part of it; a known name of them all is theirs
        inner = [sp for sp in blocked if not (sp in taken and a <= sp[0] and sp[1] <= b)]
        if (a, b) not in taken and _free(a, b, inner):
            out.append((a, b, text[a:b], "Sector", how, 0.6, None))
            blocked.append((a, b))
    for m in ZH_SET_UP.finditer(text):  # 设立未来产业创新发展专项, 牵头建设未来产业先导区: what is set up is named
        a, b = m.span(1)
        # a known field inside it (未来产业, 人形机器人) is part of the name; a name across its edge is not
        if b - a >= 5 and m.group(1) not in ZH_COMMON \
                and _free(a, b, [sp for sp in blocked if not (sp in taken and a <= sp[0] and sp[1] <= b)]) \
                and not any(x <= a and b <= y for x, y in taken):
            out.append((a, b, m.group(1), "Programme", f"a programme a verb sets up ({m.group(0)[:2]}…)", 0.55, None))
            blocked.append((a, b))
    tokens = _segment(text)
    titles = pat.person_titles.get("zh", [])
    title_ends = tuple(titles)
    known_agencies = {sp for sp, t in (known or {}).items() if t == "Agency"} | {
        (a, b) for a, b, _, t, *_ in out if t == "Agency"}
    ends = {t[1]: n for n, t in enumerate(tokens)}
    cand_spans = [sp for sp in blocked if sp not in taken]

    def typ_of(ending: str) -> str:
        return next(t for e, t in pat.heads_zh if e == ending)

    starts = {t[0]: n for n, t in enumerate(tokens)}
    token_ends = {t[1] for t in tokens}
    if titles:  # 大臣施赖内马赫尔（Liesje Schreinemacher）: a foreign name after a title, with its Latin form
        for m in re.finditer(rf"(?:{'|'.join(titles)})([\u4e00-\u9fff·]{{2,10}})[（(]\s*"
                             rf"([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-.]+){{1,3}})\s*[）)]", text):
            a, b = m.span(1)
            if _free(a, b, blocked) and _free(a, b, taken) and not ZH_NOT_IN_NAME.search(text, a, b):
                out.append((a, b, m.group(1), "Person", "a name after a title, with its Latin form", 0.6,
                            m.group(2)))
                blocked.append((a, b))
    if titles:  # 作者：林韵之（科技安全研究中心主任）: a name before a bracket that gives its post
        for m in re.finditer(rf"(?:^|(?<=[：:、，,\s]))([\u4e00-\u9fff]{{2,4}})[（(][^（）()]{{0,30}}?"
                             rf"(?:{'|'.join(titles)})[）)]", text):
            a, b = m.span(1)
            if m.group(1)[0] in ZH_SURNAMES and _free(a, b, blocked) and _free(a, b, taken) \
                    and not ZH_NOT_IN_NAME.search(text, a, b):
                out.append((a, b, m.group(1), "Person", "a name before a bracket that gives its post", 0.6, None))
                blocked.append((a, b))
    for k, (a, b, word, flag) in enumerate(tokens):
        if k == 0 and flag in {"nr", "nrfg"} and 2 <= len(word) <= 4 and text[b:b + 1] in {"：", ":"} \
                and _free(a, b, blocked) and _free(a, b, taken):
            # 吕大良：海关总署已…: a transcript's speaker, named before the colon that opens the line
            out.append((a, b, word, "Person", "a speaker's name before a colon (a transcript)", 0.6, None))
            blocked.append((a, b))
            continue
        before = k - 1 if k == 0 or tokens[k - 1][2].strip() or k < 2 else k - 2  # (司长 吕大良: past a space)
        if k == 0 or not tokens[before][2].endswith(title_ends):
            continue
        if text[b:b + 1] == "·":
            # 部长玛德琳·奎恩: the name runs over its dot to the family name; 总统唐纳德·特朗普: a known name's
            j = k
            while j + 2 < len(tokens) and tokens[j + 1][2] == "·" and tokens[j + 2][3].startswith("nr"):
                j += 2
            last = tokens[j][1]
            if j > k and flag.startswith("nr") and _free(a, last, blocked) and _free(a, last, taken):
                out.append((a, last, text[a:last], "Person", f"a name after the title {tokens[before][2]!r}", 0.6,
                            None))
                blocked.append((a, last))
            continue
        if flag in {"nr", "nrfg"} and len(word) == 2 and word[0] in ZH_SURNAMES and ZH_NAME_THIRD.match(text, b):
            b, word = b + 1, text[a:b + 1]  # 发言人何咏前就此表示: the tagger leaves a given name's last character out
        if flag in {"nr", "nrfg"} and len(word) >= 2 and _free(a, b, blocked):
            out.append((a, b, word, "Person", f"a name after the title {tokens[before][2]!r}", 0.6, None))
            blocked.append((a, b))
        elif word in ZH_SURNAMES and len(word) == 1:
            # 司长周立新: the tagger cuts a name it does not know after its surname (周 | 立新)
            end = next((e for e in (a + 3, a + 2) if e in token_ends and e <= len(text)
                        and all(HAN.match(c) for c in text[a + 1:e]) and not ZH_NOT_IN_NAME.search(text, a + 1, e)),
                       None)
            if end is not None and _free(a, end, blocked):
                out.append((a, end, text[a:end], "Person", f"a name after the title {tokens[before][2]!r}", 0.55,
                            None))
                blocked.append((a, end))
    # 国家发展改革委高技术司, 商务部产业安全与进出口管制局: a unit of a known agency, named right after it; 财政部关税
    # 政策研究中心: its research body
    for rx, unit_type, kind in ((ZH_SUB_AGENCY, "Agency", "a unit"), (ZH_SUB_BODY, "Organization", "a body")):
        for m in rx.finditer(text):
            a, b = m.span(1)
            parent = next((x for x, y in known_agencies if y == a), None)
            if parent is not None and _free(a, b, blocked) and not ZH_NOT_IN_UNIT.search(text, a, b):
                # (its full name, the agency's and its own, is its other form: 国家发展改革委高技术司)
                out.append((a, b, m.group(1), unit_type, f"{kind} named after the agency {text[parent:a]!r}", 0.6,
                            text[parent:b]))
                blocked.append((a, b))
    for m in ZH_LOCAL_AGENCY.finditer(text):  # 由省发展改革委会同省科技厅: a province's or a city's own agency
        a, b = m.span(1)
        if _free(a, b, blocked) and not ZH_NOT_IN_UNIT.search(text.replace("和", "＋"), a, b):
            out.append((a, b, m.group(1), "Agency", "a local agency (省/市 and an agency's head)", 0.6, None))
            blocked.append((a, b))
    for m in ZH_PLACE_AGENCY.finditer(text):  # 合肥市发展和改革委员会: the city's, with a national agency's words
        a, b = m.span(1)
        inner = [sp for sp in blocked if not (sp in taken and a < sp[0] and sp[1] <= b)]
        if _free(a, b, inner) and not ZH_NOT_IN_UNIT.search(text.replace("和", "＋"), a, b) \
                and not any(text[a:b].startswith(v) for v in ZH_VERBS):
            out.append((a, b, m.group(1), "Agency", "a named province's or city's agency", 0.6, None))
            blocked.append((a, b))
    for m in ZH_MIXED_FIRM.finditer(text):  # 美国Norvale航空系统公司（Norvale Aerospace Systems, Inc.）: a brand
        # in Latin letters opens a Chinese firm's name
        a, b = m.span(1)
        brand = (a, a + len(re.match(r"[A-Za-z0-9\-]+", m.group(1)).group(0)))  # type: ignore[union-attr]
        if (known or {}).get(brand) in {"Sector", "ChainSegment"}:
            continue  # GPU设计公司: a field's name, then what kind of firm (no firm's name)
        if "了" in m.group(1) or any(v in m.group(1)[brand[1] - a:] for v in ZH_VERBS | ZH_DEAL_VERBS):
            continue  # Quarzwerk收购了蓝湾…公司: a firm, its verb, then another firm
        if _free(a, b, _but_known_inside(a, b, blocked, taken)) and (a, b) not in taken:
            latin = m.group(2).strip() if m.group(2) else None
            out.append((a, b, m.group(1), "Company", "a firm's name that opens with its Latin brand", 0.6, latin))
            blocked.append((a, b))
    for m in ZH_COMPANY_RUN.finditer(text):  # 通用动力陆地系统公司: a transliterated name jieba cuts apart
        a, b = m.span(1)
        if text[a - 1:a] == "的" and not any(y == a - 1 and t == "Country" for (_, y), t in (known or {}).items()) \
                and pat.place_home(text[a:b]) != "CN":
            continue  # 美国的蓝岭半导体公司: after 的, only a country's firm (not 中国最大的晶圆代工公司) or one that
            # opens with its city (列入该清单的苏州芯跃微电子有限公司)
        tail = ZH_LEGAL_TAIL.match(text, b)  # the shortest run ends at the first 公司/集团: 某某集团有限公司 goes on
        b = tail.end() if tail else b
        a, same = _company_start(text, a, b, taken, known or {}, tokens, starts)
        a = _city_cut(text, a, m.start(1), pat)
        if same is not None:
            _known_company_form(text, a, b, same, taken, blocked, out)
            continue
        lead = ZH_DESCRIPTOR.match(text, a, b)
        if lead and len(ZH_LEGAL_FORM.sub("", text[lead.end():b])) >= 2:  # 斯蒂克拉德企业有限责任公司 stays whole
            a = lead.end()
            same = _known_company_end(text, a, b, taken, known or {})
            if same is not None:  # 基因测序企业因美纳公司: after the descriptor, a known company's name
                _known_company_form(text, a, b, same, taken, blocked, out)
                continue
        inside = {(x, y) for x, y in taken if a <= x and y < b}  # a known word within the name (通信)
        if re.fullmatch(r"[\u4e00-\u9fff]{0,2}[子母]公司", text[a:b]):
            continue  # 通过子公司, 旗下子公司: a firm's unit named by its relation, not a name
        if b - a >= 5 and all(y <= a or x >= b or (x, y) in inside for x, y in blocked):
            out.append((a, b, text[a:b], "Company", f"a name ending in {text[b - 2:b]!r} after a boundary", 0.55,
                        None))
            blocked.append((a, b))
    for m in ZH_NAME_LATIN.finditer(text):  # a list item or a clause that is a name and its Latin form
        a, b = m.span(1)
        join = ZH_JOIN_LEAD.match(text, a, b)  # …，以及尼康（Nikon）: the joining word is not the name's
        a = join.end() if join and b - join.end() >= 2 else a
        typ = next((t for e, t in pat.heads_zh  # (沙特公共投资基金（Public Investment Fund, PIF）: a fund too)
                    if m.group(1).endswith(e) and t in {"Company", "Agency", "Organization", "Programme"}), None)
        latin = (m.start(2), m.start(2) + len(m.group(2).rstrip()))
        latin_known = (known or {}).get(latin) == "Company" and typ is None
        if typ is None and not latin_known:  # 盛新锂能 (Chengxin Lithium Group): the Latin form's head types both
            typ = next((t for t in [pat.heads_en.get(m.group(2).split()[-1].rstrip(".,"))]
                        if t in {"Company", "Agency", "Organization"}), None)
        person_at = None
        if typ is None and not latin_known and PERSON_LATIN.fullmatch(m.group(2).strip()) \
                and not any(w in pat.heads_en for w in m.group(2).split()):
            # 部长西雅尔托（Péter Szijjártó）, 德布勒森市长帕普·拉斯洛（László Papp）: a title, then a person whose
            # Latin form is a personal name
            person_at = max((m.group(1).rfind(t) + len(t) for t in pat.person_titles.get("zh", [])
                             if t in m.group(1)), default=-1)
            if 2 <= len(m.group(1)) - person_at <= 8 and person_at > 0:
                a, typ = m.start(1) + person_at, "Person"
        counted = typ is None and not latin_known and bool(ZH_LATIN_LIST_FIRMS.match(text, m.end()))
        if typ is None and not latin_known and (lead := ZH_DESCRIPTOR.match(text, a, b)) is not None \
                and b - lead.end() >= 2 and ZH_FIRM_DESCRIPTOR.search(lead.group(0)):
            typ, counted = "Company", True  # 台湾封测龙头日月光（ASE）: the words before call it a firm (as a list's
            # count does: a short name is whole)
        if typ is None and not latin_known and m.group(1).endswith(ZH_FIRM_WORDS) and len(m.group(1)) >= 4 \
                and len(m.group(2).split()) <= 2 and not any(
                    x == a and (known or {}).get((x, y)) in {"Sector", "ChainSegment"} for x, y in taken):
            typ = "Company"  # 芯驰科技（SemiDrive）: a firm's word ends it (not 量子科技, a known field before 科技)
        if typ is None and not latin_known and (home := _after_country(m, known or {})) is not None:
            # 美国杜邦（DuPont）, 日本铃木汽车（Suzuki）: a country's, with a firm's Latin name
            a, typ, counted = home, "Company", True
        if latin_known and any(y == b and x > a and t == "Company" for (x, y), t in (known or {}).items()):
            continue  # 创始人张建中曾任英伟达（NVIDIA）: the known firm's name ends the run, not the words before it
        if latin_known or counted:
            # 应用材料（Applied Materials）: the Latin form is a known company's, so the name is too; 尼康（Nikon）、
            # 斯库林（SCREEN）等日本企业: names the list counts as firms
            typ = "Company"
        if typ == "Company":
            a, same = _company_start(text, a, b, taken, known or {}, tokens, starts)
            if same is not None:
                _known_company_form(text, a, b, same, taken, blocked, out)
                continue
            lead = ZH_DESCRIPTOR.match(text, a, b)  # 存储芯片企业美光（Micron）: the descriptor is not the name
            if lead and b - lead.end() >= 2:
                a = lead.end()
        elif typ is not None:  # 美方做法严重违反世界贸易组织（WTO）: a clause's verb is not in a body's name
            a = max((y for x, y, w, f in tokens if a <= x and y <= b - 4 and f == "v" and len(w) >= 2), default=a)
            a += next((len(v) for v in ZH_VERBS if text.startswith(v, a) and b - a - len(v) >= 4), 0)  # 建设龙仁…集群
        name = text[a:b]
        rest = sum(q - p for p, q in _outside(a, b, taken))  # 美国商务部工业与安全局: two known names, not a third
        if typ and len(name) >= (2 if latin_known or counted or typ == "Person" else 4) and rest >= 2 \
                and all(y <= a or x >= b or (a <= x and y <= b) for x, y in blocked) \
                and not any(x <= a and b <= y for x, y in taken):
            out.append((a, b, name, typ, "a name with a known company's Latin form" if latin_known else
                        f"a name ending in {name[-2:]!r} with its Latin form", 0.65,
                        m.group(2).strip()))
            if m.group(3):  # its acronym: another form of the same name
                out.append((a, b, name, typ, f"a name ending in {name[-2:]!r} with its Latin form and acronym",
                            0.65, m.group(3)))
            blocked.append((a, b))
    for m in ZH_FIRM_WITH_LATIN.finditer(text):  # 基因测序企业因美纳（Illumina）: a firm and its own name
        a, b = m.span(1)
        # a known word inside the name (半导体 in 高塔半导体) is part of it; a known name that covers it is not
        inner = [sp for sp in blocked if not (sp in taken and a <= sp[0] and sp[1] <= b and sp[1] - sp[0] < b - a)]
        if _free(a, b, inner) and not _known_company_inside(a, b, taken, known or {}) \
                and not any(m.group(1).startswith(v) for v in ZH_VERBS):  # 企业列入实体清单（Entity List）
            out.append((a, b, m.group(1), "Company", "a name the sentence calls a firm, with its Latin name", 0.65,
                        m.group(2).strip()))
            blocked.append((a, b))
    cand_spans = [sp for sp in blocked if sp not in taken]  # with the names found above
    head_spans = _head_spans(text, pat)
    head_starts = {hs for hs, _, _ in head_spans}
    for hs, he, ending in head_spans:
        if typ_of(ending) == "Sector" and he in head_starts:
            continue  # 集成电路产业园, 半导体设备基金: the goods word is the modifier of the name that follows
        strong = ending in ZH_STRONG_HEADS or typ_of(ending) == "Sector"
        # a specific head may take a known name as its modifier (半导体设备, 镓锗出口管制); others stop at one
        fence = cand_spans if strong else blocked
        if typ_of(ending) == "Organization" or ending in ZH_FIELD_HEADS:
            # 中国互联网协会, 人形机器人创新中心, 量子信息重点专项: a sector's or a country's name may qualify a body
            # or a programme
            fence = [sp for sp in blocked
                     if (known or {}).get(sp) not in {"Sector", "ChainSegment", "IndustryChain", "Country"}]
        elif typ_of(ending) == "Agency":
            # 德国联邦经济和气候保护部: a country's name (in a word the tagger joins to the next: 德国联邦) opens
            # a body's name
            fence = [sp for sp in fence if (known or {}).get(sp) != "Country"]
        if he not in ends or not _free(hs, he, fence):
            continue  # the head must end a word: 局 in 安全局, not in 格局面
        if typ_of(ending) == "Sector" and ZH_COMPANY_TAIL.match(text, he):
            continue  # 蓝鹰无人机技术公司: the goods word is inside a company's name
        if typ_of(ending) != "Sector" and ZH_HEAD_MODIFIES.match(text, he):
            continue  # 出口管制管理部门, 出口管制合规: the head word qualifies the noun after it
        typ = typ_of(ending)
        flags = ZH_NAME_FLAGS | ({"v"} if strong and typ_of(ending) != "Sector" else set())
        k = ends[he]
        while tokens[k][0] > hs:  # the head spans several words (出口 管制)
            k -= 1
        head_word = text[tokens[k][0]:he]
        if head_word in ZH_COMMON - {e for e, _ in pat.heads_zh}:
            continue  # 外部, 格局: a common word, not a head
        if tokens[k][3] == "v" and len(head_word) > len(ending) and typ in {"Agency", "Organization"}:
            continue  # 签署, 部署: a verb that ends in a body's head
        j = k  # the word holding the head (安全局) is part of the name
        while j > 0 and k - j < 7 and _free(tokens[j - 1][0], tokens[j - 1][1], fence):
            w, f = tokens[j - 1][2], tokens[j - 1][3]
            if f not in ZH_PROPER_FLAGS and tokens[j][0] < hs and (tokens[j][0], he) in (known or {}) \
                    and (known or {})[(tokens[j][0], he)] != typ:
                break  # 公开批评美国出口管制: a known name of another type that ends at the head is whole; a common
                # word before it is no part of it (a place or a proper name is: 江苏省集成电路产业投资基金; a word
                # before a known name of the head's own type makes a narrower one: 基础工业软件)
            if f.startswith("nr") and j >= 2 and typ not in {"Company", "Organization"} and \
                    any(text[:tokens[j - 1][0]].endswith(t) for t in pat.person_titles.get("zh", [])):
                break  # 首席执行官黄仁勋公开批评美国出口管制: a person after a title speaks, no measure holds them
            if w in {"与", "和", "及"} and j >= 2 and tokens[j - 2][2] not in ZH_PHRASE_ENDS \
                    and tokens[j - 2][3] in ZH_PROPER_FLAGS | {"n", "vn"} \
                    and not any(tokens[j - 2][2].endswith(e) for e, _ in pat.heads_zh):
                j -= 1  # 雷神导弹与防务公司
                continue
            # a goods name holds at most the verb right before its head (刻蚀设备, not 产品覆盖刻蚀设备)
            verb_ok = typ == "Sector" and f == "v" and j == k
            # ... and a body's remit the verb right before its one-character head (气候保护部, 出口管理局 is one head)
            verb_ok = verb_ok or (typ == "Agency" and f == "v" and j == k and len(w) == 2 and len(head_word) == 1
                                  and w not in ZH_VERBS and j >= 2 and tokens[j - 2][3] in ZH_NAME_FLAGS - {"v"})
            # an alliance's or an association's aim (产业创新战略联盟, 发展促进会)
            verb_ok = verb_ok or (typ == "Organization" and w in ZH_ORG_AIMS)
            # 半导体制造出口管制规则: a verb right after a field's name (or inside one) is the field's making
            fields = {sp for sp, t in (known or {}).items() if t in {"Sector", "ChainSegment"}}
            field_verb = strong and w in ZH_MAKING | ZH_TRADE_VERBS and (
                (j >= 2 and (tokens[j - 2][0], tokens[j - 2][1]) in fields)
                or any(x <= tokens[j - 1][0] and tokens[j - 1][1] <= y for x, y in fields)
                or any(y == tokens[j - 1][0] for _, y in fields))  # 镍矿出口禁令: the goods before the trade
            # 国家重点研发计划: a making word the tagger reads as a noun names what a programme funds
            programme_making = typ == "Programme" and w in ZH_MAKING and f != "v"
            if (f not in flags and not verb_ok) or w in ZH_STOP_TOKENS or (
                    w in ZH_VERBS and not field_verb and not programme_making) or (
                    any(tokens[i][3] == "v" for i in range(j, k)) and any(
                        x <= tokens[j - 1][0] < y and t == "Agency" for (x, y), t in (known or {}).items())):
                break  # (the last: a known agency before a verb is who acts, 中央军事委员会承担出口管制)
            j -= 1
        if j + 1 < k and len(tokens[j][2]) == 1 and len(tokens[j + 1][2]) == 1 and tokens[j][3] in {"a", "d"} \
                and tokens[j + 1][3] == "v":
            j += 2  # 新设, 另设: a verb of one character after its adverb
        list_head = head_word in {"名单", "清单"}
        # 马来西亚投资贸易及工业部: after a country's name, a body's remit may open with a verbal noun
        remit = typ in {"Agency", "Organization"} and tokens[j][3] == "vn" and any(
            y == tokens[j][0] and t == "Country" for (x, y), t in (known or {}).items())
        while j < k and not remit and tokens[j][3] in ({"vn", "v"} if strong else {"vn", "a", "b", "an", "v"}) \
                and not (typ == "Sector" and j == k - 1) \
                and not (list_head and j == k - 1 and len(tokens[j][2]) == 2 and tokens[j][2] not in ZH_LIST_VERBS):
            j += 1  # a name does not start with a verb (or, unless its head is specific, an adjective); a list's
            # kind is the one verb before it (管控名单, 关注名单), not a verb of listing (列入名单)
        run = tokens[j:k + 1]
        while len(run) > 1 and (run[0][2] in ZH_VERBS or (
                run[0][3].startswith("v") and any(run[0][2].endswith(v) for v in ZH_VERBS if len(v) == 2))):
            run = run[1:]  # 支持集成电路, 继续执行财政部: a verb opens no name
        while len(run) > 1 and run[0][3] == "a" and len(run[0][2]) == 1 and text[run[0][0] - 1:run[0][0]] == "做":
            run = run[1:]  # 做大江苏省…基金, 做强…: the verb's complement opens no name
        while len(run) > 1 and run[0][2] in ZH_JOINS:
            run = run[1:]  # 会同财政部, …和红岩…公司: a word that joins names opens none (和记 is one word)
        while len(run) > 1 and ZH_POINTER.fullmatch(run[0][2]):
            run = run[1:]  # 自本公告施行之日起 (the tagger's 自本), 该公司: a pointer opens no name
        opening = [(x, y) for x, y in taken if x < run[0][0] < y and (
            (strong and typ != "Sector") or (ending in ZH_FIELD_HEADS and (known or {}).get((x, y)) in FIELDS))]
        if opening:  # 不可靠实体清单工作机制: the known name the run starts inside opens the name (新型储能产业链: so
            # does a field's name before a programme's or a chain's head, whatever the tagger made of its first word)
            x, y = opening[0]
            run = [(x, y, text[x:y], "nz"), *[t for t in run if t[0] >= y]]
        if run[0][2] in ZH_COUNTRY_SHORT and run[0][0] >= 1 and text[run[0][0] - 1] == "对" and len(run) > 1:
            # 对美加征关税: "on the US" is part of a measure's name; 对华芯片: chips (to China) are the goods
            run = run[1:] if typ == "Sector" else [(run[0][0] - 1, run[0][1], "对" + run[0][2], "nz"), *run[1:]]
        # 中国互联网协会: a country's name that opens an organisation's name is part of it
        country = [(x, y) for (x, y), t in (known or {}).items() if t == "Country" and y == run[0][0] and y - x >= 2]
        if typ in {"Organization", "Agency"} and country and run[0][0] in starts and country[0][0] in starts:
            run = [(country[0][0], country[0][1], text[country[0][0]:country[0][1]], "ns"), *run]
        elif typ in {"Organization", "Agency"} and run[0][0] in starts and starts[run[0][0]] > 0:
            # 上海市经济和信息化委员会: the word before holds a known place (上海 of 上海市) and is a place word
            prev = tokens[starts[run[0][0]] - 1]
            if prev[3] == "ns" and any(x == prev[0] and y <= prev[1] and t == "Country"
                                       for (x, y), t in (known or {}).items()):
                run = [prev, *run]
        if typ == "Sector":  # 美国模拟芯片, 评估中国无人机: the country says whose goods, not which; so the name
            # starts after it
            last = max((i for i, t in enumerate(run[:-1]) if (known or {}).get((t[0], t[1])) == "Country"
                        or t[3] == "ns"), default=-1)  # 上海市集成电路: a place says where, not which goods
            # DRAM和NAND闪存: two goods joined are two names; the head's own starts after the joining word
            last = max([last] + [i for i, t in enumerate(run[:-1]) if t[2] in {"和", "与", "及", "、"}])
            # 国产半导体设备: whose make the goods are, not which goods
            last = max([last] + [i for i, t in enumerate(run[:-1]) if t[2] in ZH_MAKE_WORDS])
            # 全国汽车, 全球芯片: where, not which goods
            last = max([last] + [i for i, t in enumerate(run[:-1]) if t[2] in ZH_SCOPE_WORDS])
            # 收紧对华半导体设备出口: the segmenter's 对华 (to China) says where the goods go, not which
            last = max([last] + [i for i, t in enumerate(run[:-1]) if t[2] in ZH_TOWARDS])
            run = run[last + 1:]
        if typ == "Company":  # 母公司北辰科技集团: a descriptor before the name is not part of it
            lead = ZH_DESCRIPTOR.match(text, run[0][0], he)
            while lead and len(run) > 1 and run[0][0] < lead.end():
                run = run[1:]
        if typ == "Company" and len(run) > 1:
            # 洛克希德·马丁导弹与火控公司: a known firm's name right before a unit's words opens the unit's name
            firm = next(((x, y) for (x, y), t in (known or {}).items() if t == "Company" and y == run[0][0]
                         and y - x >= 2 and x in starts), None)
            if firm is not None:
                run = [(firm[0], firm[1], text[firm[0]:firm[1]], "nz"), *run]
        if typ == "Company":  # 以色列迈络思科技有限公司: a country before a known company's name says whose it is
            ctry = next((y for x, y in taken if x == run[0][0] and (known or {}).get((x, y)) == "Country"), None)
            if ctry is not None and any(x == ctry and (known or {}).get((x, y)) == "Company" for x, y in taken):
                run = [t for t in run if t[0] >= ctry] or run
        widened = False
        while typ == "Company" and len(run) > 1 and run[0][2] in ZH_PREPOSITION_TOKENS:
            if len(run[0][2]) == 2:  # 已对华锐公司作出处罚: the segmenter's 对华 (towards China) holds the name's 华
                run, widened = [(run[0][0] + 1, run[0][1], run[0][2][1:], "nz"), *run[1:]], True
                break
            run = run[1:]  # 由海关…: a preposition opens no name
        if typ != "Company" and len(run) > 1 and len(run[0][2]) == 2 and run[0][2][1] == "对":
            run = run[1:]  # 加严对高带宽存储器…: the segmenter's 严对 (the verb's end and 对) opens no field's name
        if typ == "Company" and (short := ZH_SHORT_AFTER.match(text, he)) is not None \
                and not text[run[0][0]:he].startswith(short.group(1)):
            # 苏州绿的谐波传动科技股份有限公司（绿的谐波）: the short form in brackets says where the name starts (the
            # segmenter read 的 as a particle)
            k = next((k for k in range(1, min(len(short.group(1)), 8) + 1) if run[0][0] - k >= 0
                      and short.group(1).startswith(
                text[run[0][0] - k:run[0][0]]) and text[run[0][0]:he].startswith(short.group(1)[k:])), 0)
            # (a known name inside the short form, 上海 of 上海新昇, is part of it; one across its edges is not)
            if k and not any(x < run[0][0] - k < y or x < run[0][0] < y for x, y in taken):
                run, widened = [(run[0][0] - k, run[0][0], text[run[0][0] - k:run[0][0]], "nz"), *run], True
        defined = ZH_DEFINED_SHORT.match(text, he) if typ in {"Programme", "Company", "Organization"} else None
        if defined is not None and (lead := re.search(re.escape(defined.group(1)) + r"(?:[（(][\u4e00-\u9fff]{2,3}"
                                                       r"[）)])?$", text[max(0, run[0][0] - 14):run[0][0]])):
            # 华芯鼎新（北京）股权投资基金（下称“华芯鼎新”）: the short form it is given opens its name, the seat in
            # brackets after it included
            at = max(0, run[0][0] - 14) + lead.start()
            run, widened = [(at, run[0][0], text[at:run[0][0]], "nz"), *run], True
        if len(run) > 2 and run[0][2] == "年度" and text[run[0][0] - 1:run[0][0]].isdigit():
            run = run[1:]  # 2025年度集成电路企业清单: the year's list, named without its year
        name = text[run[0][0]:he]
        own = next((y for x, y in taken if x == run[0][0]), run[0][0])
        if typ == "Company" and ZH_LEGAL_FORM.fullmatch(text[own:he]):
            # 以色列迈络思科技有限公司 (after the country is stripped)
            if (known or {}).get((run[0][0], own)) == "Company" and \
                    _known_company_form(text, run[0][0], he, own, taken, blocked, out):
                cand_spans.append((run[0][0], he))
            continue  # 美国公司: a country's company, no name
        proper = any(t[3] in ZH_PROPER_FLAGS for t in run) or (
            ending in ZH_FIELD_HEADS and len(name) - len(ending) >= (2 if ending == "产业链" else 4) and any(
                run[0][0] <= x and y <= hs and t in {"Sector", "ChainSegment"} for (x, y), t in (known or {}).items())
        ) or (
            name.startswith(ZH_NATIONAL) and len(name) - len(ending) >= (4 if typ == "Organization" else 5)) or (
                strong and len(name) > len(ending) + 1) \
            or (typ == "Agency" and len(name) - len(ending) >= 4 and any(t[2] in {"和", "与"} for t in run[1:-1]))
        # (the last: 联邦经济和能源部, 外贸与发展合作部: a ministry of two fields joined is one ministry's name)
        if len(name) < 3 or name in ZH_COMMON or not proper or len(name) - len(ending) < 1 \
                or (run[0][0] not in starts and not widened) \
                or name[:len(name) - len(ending)] in ZH_VERBS | ZH_LIST_VERBS or name.endswith("部署") \
                or any(x <= run[0][0] and he <= y for x, y in taken) \
                or any(x < he < y and x > run[0][0] for x, y in taken) \
                or (head_word in {"名单", "清单"} and (known or {}).get((run[0][0], hs)) == "Instrument"):
            continue  # (…国家集成电路 of 国家集成电路产业投资基金; 不可靠实体清单名单: the known list's roster is the
            # list)
        out.append((run[0][0], he, name, typ, f"a name ending in {ending!r}", 0.6, None))
        blocked.append((run[0][0], he))
        cand_spans.append((run[0][0], he))
    # 镓、锗相关物项出口管制, EDA出口许可要求: where no name above reads the measure's words (对华半导体出口管制 is
    # one already)
    for a, b in _zh_goods_measures(text, blocked, known or {}):
        out.append((a, b, text[a:b], "Instrument", "a measure named by the goods it is on", 0.6, None))
        blocked.append((a, b))
    out += _field_list(text, tokens, blocked, known or {})
    return out + _enumeration(text, tokens, out, known or {}, blocked)


# a list the sentence names as steps or fields: 设计、制造、封装测试五个环节, 刻蚀、沉积、光刻等环节, 在涂胶显影领域
ZH_FIELD_LIST = re.compile(r"((?:[^、，。；：:（）()“”\s]{1,8}、)*[^、，。；：:（）()“”\s]{1,8}?)(?:等)?"
                           r"(?:各|[一二三四五六七八九十两几\d]+[个大项])?(?:关键|薄弱|重点|核心|主要|短板)?(环节|工序|领域)")
ZH_FIRM_LAST = "司团"  # (公司, 集团: a firm's name ends there)
ZH_FIELD_NOT = re.compile(r"^(?:该|此|这|那|其|本|多|相关|有关|重要|其他|其它|部分|所有|全部|更多|新兴|前沿|"
                          r"高端|传统|敏感|特定|上述|下游|上游|中游|全球|国际|国内|多个|若干|不同|成熟|先进)|"
                          r"[\d％%等各]|关键|重点|核心|薄弱|短板|卡脖子|补齐|加强|突破|提升|推动|支持")


def _field_list(text: str, tokens: list[tuple[int, int, str, str]], blocked: list[tuple[int, int]],
                known: dict[tuple[int, int], str] | None = None) -> list[
        tuple[int, int, str, str | None, str, float, str | None]]:
    """The members of a list the sentence calls steps (环节, 工序: chain segments) or fields (领域: sectors): 设计、
    制造、封装测试五个环节; 在涂胶显影领域 (one member after 在). Process steps are verbs to the tagger (刻蚀, 制造), so
    the 、-list reading of _enumeration does not reach them. The first member is the word before the first 、 (or
    the words after 在); a member the gazetteer or another reading holds is left as it is. After a list's firm
    (1. X公司（…），军用通信与电子战领域) a member that ends in a known field's name is a narrower field of its own."""
    out: list[tuple[int, int, str, str | None, str, float, str | None]] = []
    starts = {t[0] for t in tokens}
    ends = {t[1]: t for t in tokens}
    for m in ZH_FIELD_LIST.finditer(text):
        typ = "Sector" if m.group(2) == "领域" else "ChainSegment"
        a0 = m.start(1)
        parts = m.group(1).split("、")
        after_firm = len(parts) == 1 and m.group(2) == "领域" and text[a0 - 1:a0] in {"，", "："} \
            and text[max(0, a0 - 2):a0 - 1] in {"）", ")"} | set(ZH_FIRM_LAST)
        if after_firm:
            # 1. 石英工业公司（Quartz Industries），无人机领域: the field a list's firm is in, right after its name (two
            # joined by 与/和: 军用通信与电子战领域)
            spans = [(a0, m.end(1))]
            joined = re.search(r"[和及与]", m.group(1))
            if joined and joined.start() >= 2 and m.end(1) - a0 - joined.end() >= 2:
                spans = [(a0, a0 + joined.start()), (a0 + joined.end(), m.end(1))]
        elif len(parts) == 1:  # one member: only right after 在 (在涂胶显影领域), from a word's start
            at = text.rfind("在", max(0, a0 - 8), m.end(1))
            if at < 0 or at + 1 >= m.end(1) or at + 1 not in starts:
                continue
            spans = [(at + 1, m.end(1))]
        else:
            first_end = a0 + len(parts[0])
            word = ends.get(first_end)  # the first member is the word before the first 、
            if word is None:
                continue
            spans, pos = [(word[0], first_end)], first_end + 1
            for part in parts[1:]:
                spans.append((pos, pos + len(part)))
                pos += len(part) + 1
            last_a, last_b = spans[-1]
            joined = re.search(r"[和及与]", text[last_a:last_b])  # …、材料和先进制造环节
            if joined and joined.start() > 0:
                spans[-1:] = [(last_a, last_a + joined.start()), (last_a + joined.end(), last_b)]
        for a, b in spans:
            name = text[a:b]
            fence = [sp for sp in blocked if not (after_firm and a < sp[0] and sp[1] == b
                                                  and (known or {}).get(sp) in FIELDS)]
            if not 2 <= b - a <= 6 or not HAN.match(name) or ZH_FIELD_NOT.search(name) or name in ZH_COMMON \
                    or not _free(a, b, fence) or any(x < b and a < y for x, y, *_ in out):
                continue
            out.append((a, b, name, typ, f"one of the {m.group(2)} a list names", 0.5, None))
            blocked.append((a, b))
    return out


# goods a measure names by their origin: 对原产于美国的大豆、玉米等农产品加征10%关税, 原产于美国的民用航空器及其零部件
ORIGIN_GOODS = re.compile(r"原产(?:于|自)[\u4e00-\u9fff]{1,12}?的([^，。；：:（(“”\s]{2,60}?)"
                          r"(?=加征|征收|实施|暂停|及其|不|，|。|；)")
# the goods of a tariff provision that names them by an annex: 对附件1所列农产品加征15%关税，包括大豆、玉米等
ANNEX_GOODS = re.compile(r"对(?:附件\s*\d+\s*)?(?:所列|列明的)([^，。；：:（(“”\s]{2,60}?)(?=加征|征收)")
INCLUDED_GOODS = re.compile(r"(?:加征|征收)[^，。；]{0,20}?关税[，,]\s*(?:包括|含|涉及)"
                            r"([^，。；：:（(“”\s]{2,60}?)(?=等|。|；)")
GENERIC_GOODS = re.compile(r"^(?:部分|所有|全部|相关|其他|其它|同类|上述|有关)|^(?:进口)?(?:商品|产品|货物|物项)$")


def _origin_goods(text: str) -> list[tuple[int, int, str]]:
    """The goods of 原产于X的A、B等C (or of a tariff provision's annex, or listed after its 包括): A, B and C, each a
    span with the reason (generic words such as 部分进口商品 left out)."""
    out = []
    for m, how in (*((m, "goods named by their origin (原产于…的)") for m in ORIGIN_GOODS.finditer(text)),
                   *((m, "goods a tariff provision names (对…所列…加征)") for m in ANNEX_GOODS.finditer(text)),
                   *((m, "goods a tariff provision lists (加征…关税，包括…)") for m in INCLUDED_GOODS.finditer(text))):
        pos = m.start(1)
        for part in re.split(r"(、|等|和|及)", m.group(1)):
            if part not in {"、", "等", "和", "及"} and 2 <= len(part) <= 10 and HAN.search(part) \
                    and not GENERIC_GOODS.search(part):
                out.append((pos, pos + len(part), how))
            pos += len(part)
    return out


# joining words, and prepositions the tagger may read as nouns (经柬埔寨、越南: via)
ZH_MEMBER_STOPS = frozenset({"等", "和", "及", "与", "经", "经由", "途经", "从", "向", "由", "自", "对", "在", "于"})
ZH_NOT_IN_MEMBER = {"p", "c", "u", "uj", "ul", "uz", "ug", "ud", "uv", "x", "d", "r", "f", "t", "m", "q"}


def _member_word(tok: tuple[int, int, str, str]) -> bool:
    """A word that can be part of one member of a 、-list: not punctuation, a function word or a (two-character)
    verb; a one-character verb is a morpheme (超 in 超硬材料)."""
    word, flag = tok[2], tok[3]
    return bool(re.search(r"[\u4e00-\u9fffA-Za-z0-9]", word)) and flag not in ZH_NOT_IN_MEMBER and \
        (not flag.startswith("v") or flag == "vn" or len(word) == 1) and word not in ZH_MEMBER_STOPS


def _name_verb(tokens: list[tuple[int, int, str, str]], m: int, first: int) -> bool:
    """算能 in 、算能科技等: a word tagged as a verb that opens a member and is followed by a noun is a name's."""
    return m == first and tokens[m][3] == "v" and len(tokens[m][2]) == 2 and m + 1 < len(tokens) and \
        tokens[m + 1][3] in {"n", "nz", "ng", "nt"}


def _enumeration(text: str, tokens: list[tuple[int, int, str, str]], found: list[
        tuple[int, int, str, str | None, str, float, str | None]], known: dict[tuple[int, int], str],
                 blocked: list[tuple[int, int]]) -> list[tuple[int, int, str, str | None, str, float, str | None]]:
    """镓、锗、锑和超硬材料; 大豆、玉米等农产品: the members of a 、-list share the type of a member that is known (a
    sector, a company, a country), so the others are candidates of that type."""
    typed = dict(known)
    typed.update({(a, b): t for a, b, _, t, *_ in found if t})
    out: list[tuple[int, int, str, str | None, str, float, str | None]] = []
    k = 0
    while k < len(tokens):
        if tokens[k][2] != "、":
            k += 1
            continue
        # collect the members around a run of 、 (and a closing 和/及/与)
        members: list[tuple[int, int]] = []
        joins: list[str] = []
        j = k - 1
        first_end = tokens[j][1] if j >= 0 else 0
        while j >= 0 and _member_word(tokens[j]) and tokens[k - 1][1] - tokens[j][0] <= 8 and \
                not (tokens[j][3].startswith("v") and tokens[j][3] != "vn"):
            j -= 1
        if j + 1 <= k - 1:
            members.append((tokens[j + 1][0], first_end))
        i = k
        while i < len(tokens) and tokens[i][2] in {"、", "和", "及", "与"}:
            m = i + 1
            while m < len(tokens) and (_member_word(tokens[m]) or _name_verb(tokens, m, i + 1)) and \
                    tokens[m][1] - tokens[i + 1][0] <= 8:
                m += 1
            if m == i + 1:
                break
            members.append((tokens[i + 1][0], tokens[m - 1][1]))
            joins.append(tokens[i][2])
            i = m
        k = max(i, k + 1)
        count = ZH_COUNT.match(text, members[-1][1]) if members else None
        if count and len(members) >= 3 and joins[-1] in {"和", "与"} and \
                ZH_NUMBER.get(count.group(1), 0) == len(members) - 1:
            # 洛克希德·马丁、雷神导弹与防务两家…企业: the count says the last two words are one name
            members[-2:] = [(members[-2][0], members[-1][1])]
        counted = bool(count and ZH_NUMBER.get(count.group(1), 0) == len(members))
        kinds = {}
        for a, b in members:
            for (x, y), t in typed.items():
                # the known name is the member, or ends it (英伟达公司): 中国 does not make 中国国家主权 a country
                if x < b and a < y and t in {"Sector", "Company", "Country"} and y >= b - 2:
                    kinds[(a, b)] = t
        types = set(kinds.values())
        if len(members) >= 2 and all(b - a == 1 and HAN.match(text[a]) for a, b in members):
            # 镓、锗; 钐、钆、铽等: one-character names listed together are elements, materials
            reason, t = "one of a list of one-character names (elements, materials)", "Sector"
        elif len(members) >= 3 and len(types) == 1:
            t = types.pop()
            reason = f"listed with {text[slice(*next(iter(kinds)))]!r} ({t}) in one enumeration"
        elif len(members) >= 2 and types == {"Company"} and (ZH_FIRMS_AFTER.match(text, members[-1][1]) or counted):
            t = "Company"  # 北京智谱华章科技有限公司、算能科技等二十余家中国实体: a list of firms
            reason = f"listed with {text[slice(*next(iter(kinds)))]!r} (Company) as one of the firms it counts"
        elif len(members) >= 2 and not types and ZH_FIRMS_AFTER.match(text, members[-1][1]) \
                and all(3 <= b - a <= 8 and text[a:b] not in ZH_COMMON for a, b in members) \
                and any(t[3] in ZH_PROPER_FLAGS for t in tokens if members[0][0] <= t[0] < members[-1][1]):
            t = "Company"  # 长电科技、通富微电等封测企业: names the sentence counts as firms
            reason = "one of a list of names the sentence counts as firms (…等…企业)"
        else:
            continue
        for a, b in members:
            if (a, b) not in kinds and _free(a, b, blocked) and not any(x < b and a < y for x, y in typed):
                out.append((a, b, text[a:b], t, reason, 0.5, None))
                blocked.append((a, b))
    # 无人机企业大疆和道通智能: a short name joined to a known company by 和, at the end of a clause, is a company
    for k in range(1, len(tokens) - 1):
        if tokens[k][2] not in {"和", "及", "与"} or typed.get((tokens[k - 1][0], tokens[k - 1][1])) != "Company":
            continue
        m = k + 1
        while m < len(tokens) and m - k <= 3 and tokens[m][3] in ZH_NAME_FLAGS | {"v"} and \
                (tokens[m][0], tokens[m][1]) not in typed:
            m += 1
        a, b = tokens[k + 1][0], tokens[m - 1][1]
        if m > k + 1 and 2 <= b - a <= 6 and CLAUSE_END.match(text, b) and text[a:b] not in ZH_COMMON and \
                _free(a, b, blocked) and not any(x < b and a < y for x, y in typed):
            out.append((a, b, text[a:b], "Company", f"joined to the company {tokens[k - 1][2]!r} by "
                                                    f"{tokens[k][2]!r}", 0.5, None))
            blocked.append((a, b))
    return out


# a count right after a list (两家美国军工企业, 3家实体)
ZH_COUNT = re.compile(r"(两|二|三|四|五|六|七|八|九|十|\d{1,2})(?:家|个)")
ZH_NUMBER = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             **{str(n): n for n in range(1, 100)}}
# after a list of firms: 等二十余家中国实体, 等企业, 等3家公司
ZH_FIRMS_AFTER = re.compile(r"等(?:[\d一二三四五六七八九十百千余多几]+[家个])?(?:[A-Za-z][A-Za-z0-9\-]{1,8})?"
                            r"[\u4e00-\u9fff]{0,6}?(?:企业|公司|实体|厂商)")  # 等eVTOL整机企业: a Latin word too
CLAUSE_END = re.compile(r"[，。；、,;：:]|等|$|的?(?:企业|公司)|均|都|也|分别|两家|二者")

_HEADS_RX: dict[int, re.Pattern[str]] = {}


def _ZH_HEADS(pat: Patterns) -> re.Pattern[str]:
    rx = _HEADS_RX.get(id(pat))
    if rx is None:  # every position where a head starts (the longest there): heads may overlap
        heads = sorted({e for e, _ in pat.heads_zh}, key=lambda e: (-len(e), e))
        rx = _HEADS_RX[id(pat)] = re.compile("(?=(" + "|".join(re.escape(e) for e in heads) + "))")
    return rx


def _but_known_inside(a: int, b: int, blocked: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[
        tuple[int, int]]:
    """The spans that fence a name from ``a`` to ``b``, less the known names inside it (they are part of it)."""
    return [sp for sp in blocked if not (sp in taken and a <= sp[0] and sp[1] <= b)]


def _head_spans(text: str, pat: Patterns) -> list[tuple[int, int, str]]:
    """The heads of a text, (start, end, head): of heads that overlap, the one that ends last (then the longest)
    names the type, and the span runs from the first one's start (出口管制新规: 出口管制 and 管制新规 overlap; the
    name's type is that of 管制新规, and the words before 出口 may belong to it)."""
    out: list[tuple[int, int, str]] = []
    group: list[tuple[int, int, str]] = []  # heads that overlap in a chain, in order of their starts

    def close() -> None:  # one head of a chain ends last (the earliest-starting of those): only it is kept
        if group:
            a, b, h = max(group, key=lambda g: (g[1], -g[0]))
            out.append((min(x for x, y, _ in group if x < b and a < y), b, h))
            group.clear()

    for m in _ZH_HEADS(pat).finditer(text):  # in order of their starts: one pass, however long the sentence
        head = (m.start(), m.start() + len(m.group(1)), m.group(1))
        end = max(y for _, y, _ in group) if group else 0
        if group and head[0] > end and not (head[0] == end + 1 and text[end] in "子分总"):
            close()  # (a head right after another is the chain's too: 贵安数据中心集群 is a cluster, 中心 inside it;
            # so is one a sub- or branch word away: 集成电路装备材料专项子基金)
        group.append(head)
    close()
    return out


_JIEBA: Any = None


def _segment(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, word, part-of-speech flag) for each word of a Chinese text."""
    global _JIEBA
    if _JIEBA is None:
        import logging

        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        _JIEBA = jieba.posseg
    out = []
    pos = 0
    for pair in _JIEBA.cut(text, HMM=True):
        word, flag = pair.word, pair.flag
        start = text.find(word, pos)
        if start < 0:
            continue
        out.append((start, start + len(word), word, flag))
        pos = start + len(word)
    return out

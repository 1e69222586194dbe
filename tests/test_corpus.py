"""Corpus reading and segmentation, checked on the real documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policykg.errors import InputError
from policykg.sources.corpus import Document, read_sources


def sentences_with(doc: Document, *needles: str) -> list:
    return [s for s in doc.sentences if all(n in s.text for n in needles)]


def test_every_document_is_read_and_segmented(docs: dict[str, Document]) -> None:
    assert sorted(docs) == ["cai2026", "gu2022", "nist2025", "wang2024", "wu2023"]
    for doc in docs.values():
        assert len(doc.sentences) > 40, doc.id
        assert len(doc.sections) > 3, doc.id


def test_sentence_offsets_point_into_the_original_text(docs: dict[str, Document]) -> None:
    for doc in docs.values():
        for s in doc.sentences:
            original = "".join(doc.text[a:b] for a, b in s.spans)
            # readable text is the original minus markers; every readable character comes from the spans
            it = iter(original)
            assert all(ch in it for ch in s.text.replace(" ", "")), (doc.id, s.index)
            assert s.start == min(a for a, _ in s.spans) and s.end == max(b for _, b in s.spans)


def test_markdown_footnote_body_never_enters_the_interrupted_sentence(docs: dict[str, Document]) -> None:
    cai = docs["cai2026"]
    # The sentence about the Entity List is cut by four footnote bodies in the file; it must join up.
    (s,) = sentences_with(cai, "实体清单", "发明者")
    assert len(s.spans) == 2
    between = cai.text[s.spans[0][1]:s.spans[1][0]]
    assert "资料来源" in between and "National Security Strategy" in between
    assert "资料来源" not in s.text and "National Security" not in s.text
    # footnote markers are not part of any sentence's text, and footnote bodies are paragraphs of their own
    assert not any("<sup>" in x.text for x in cai.sentences)
    assert sum(1 for p in cai.paragraphs if p.kind == "footnote") >= 8


def test_markdown_heading_levels_follow_the_numbering(docs: dict[str, Document]) -> None:
    cai = docs["cai2026"]
    by_title = {s.title: s for s in cai.sections}
    biden = next(s for t, s in by_title.items() if t.startswith("(三)拜登"))
    trump2 = next(s for t, s in by_title.items() if t.startswith("(四)特朗普2.0"))
    # the file marks (四) with #### and (三) with ###; both are subsections of part 一、
    assert biden.level == trump2.level == 2
    assert biden.parent == trump2.parent
    assert cai.section(trump2.parent or "").title.startswith("一、")


def test_chinese_numbered_sections(docs: dict[str, Document]) -> None:
    nist = docs["nist2025"]
    tops = [s.title for s in nist.sections if s.level == 1]
    assert [t[:2] for t in tops] == ["一、", "二、", "三、", "四、", "五、"]
    # numbered items 1、2、 stay paragraphs of their section, not sections
    assert not any(re.match(r"^\d、", s.title) for s in nist.sections)


def test_plain_layout_titles_and_endnote_markers(docs: dict[str, Document]) -> None:
    wu = docs["wu2023"]
    titles = [s.title for s in wu.sections if s.level == 1]
    assert len(titles) >= 4
    assert not any(re.search(r"\[\d+\]", s.text) for s in wu.sentences if s.kind == "body")
    assert sum(1 for p in wu.paragraphs if p.kind == "note") >= 8


def test_parallel_translation_links_english_to_chinese(docs: dict[str, Document]) -> None:
    gu = docs["gu2022"]
    english = [p for p in gu.paragraphs if p.kind == "body" and p.language == "en"]
    linked = [p for p in english if p.translation]
    assert len(linked) >= 30
    for p in linked:
        zh = gu.paragraph(p.translation or "")
        assert zh.language == "zh" and zh.original_of == p.id and zh.start > p.end
    # Chinese headings are translations of the English ones, not sections of their own
    assert all(s.language == "en" for s in gu.sections if s.level > 0)


def test_endnote_marker_glued_to_a_year_is_split_off(docs: dict[str, Document]) -> None:
    gu = docs["gu2022"]
    (s,) = sentences_with(gu, "CHIPS and Science Act of 2022 signed in August")
    assert "August 2022 will" in s.text and "20224" not in s.text
    assert any("August 20224" in gu.text[a:b] for a, b in [(s.start, s.end)])
    glued_word = sentences_with(gu, "supply chain security assessments")
    assert glued_word and "assessments2" not in glued_word[0].text


def test_english_paragraph_broken_across_lines_is_joined(docs: dict[str, Document]) -> None:
    wang = docs["wang2024"]
    broken = [s for s in wang.sentences if len(s.spans) > 1]
    assert broken, "lines that continue a paragraph must join into one sentence"
    refs = [p for p in wang.paragraphs if p.kind == "note"]
    assert len(refs) >= 20  # the reference list is not running text


def test_changed_document_is_an_error_naming_the_file(corpus_copy: Path, loaders_copy: Path) -> None:
    target = corpus_copy / "nist-2025-mic-benchmark-summary.zh.txt"
    target.write_text(target.read_text(encoding="utf-8") + "x", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_sources(corpus_copy, loaders_copy / "documents.yaml")
    (p,) = err.value.problems
    assert "sources.yaml:" in p.where and "nist2025" in p.message and "changed" in p.message


def test_missing_document_and_malformed_yaml(corpus_copy: Path, loaders_copy: Path) -> None:
    (corpus_copy / "wu-2023-manufacturing-competition.zh.txt").unlink()
    with pytest.raises(InputError) as err:
        read_sources(corpus_copy, loaders_copy / "documents.yaml")
    assert "missing" in str(err.value) and "wu2023" in str(err.value)
    (corpus_copy / "sources.yaml").write_text("documents:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_sources(corpus_copy, loaders_copy / "documents.yaml")
    assert re.search(r"sources\.yaml:\d+: malformed YAML", str(err.value))


def test_page_break_continuation_joins_the_cut_paragraph(docs: dict[str, Document]) -> None:
    """cai2026 part 二: the conversion swapped the tails of two pages (documents.yaml names the cuts). Each cut
    paragraph reads on in its own continuation, in its own section, and no sentence splices two paragraphs."""
    cai = docs["cai2026"]
    assert not sentences_with(cai, "生物技术华为")  # the splice the page break used to make
    (ban,) = sentences_with(cai, "禁止国际企业向华为出售高端芯片")
    assert "中芯国际" in ban.text and "(四)" in cai.section(ban.section).title
    (rnd,) = sentences_with(cai, "生物技术与新能源")
    assert "(三)" in cai.section(rnd.section).title
    assert rnd.spans[0][0] > rnd.spans[1][0]  # it reads on at a line the file holds earlier
    assert rnd.start == rnd.spans[1][0] and rnd.end == rnd.spans[0][1]
    # the continuation repeats the last words of the cut once; the repetition is skipped
    (strategy,) = sentences_with(cai, "定位为国家发展")
    assert "科技创新科技创新" not in strategy.text and "科技创新定位为" in strategy.text


def test_continuations_setting_is_checked(corpus_copy: Path, loaders_copy: Path) -> None:
    settings = loaders_copy / "documents.yaml"
    text = settings.read_text(encoding="utf-8")
    broken = text.replace("continued_by: 华为出售高端芯片}", "continued_by: 不在文中的词}")
    assert broken != text
    settings.write_text(broken, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_sources(corpus_copy, settings)
    message = str(err.value)
    assert "documents.yaml" in message and "continuations of 'cai2026'" in message
    assert "0 lines start with '不在文中的词'" in message and "continued_by" in message
    settings.write_text(text.replace("continued_by: 华为出售高端芯片}", "continued_by: 华为出售高端芯片, x: 1}"),
                        encoding="utf-8")
    with pytest.raises(InputError, match="needs the words 'end' and 'continued_by'"):
        read_sources(corpus_copy, settings)

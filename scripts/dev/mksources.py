"""Write FOLDER/sources.yaml for a blind batch (FOLDER/docs/*), so `policykg eval --set FOLDER` can score it.

The language is read from the id (-en-, -zh-) or, for a mixed document, from its text (zh when over a fifth of its
characters are Han); the title is the first line.
"""
import hashlib
import pathlib
import re
import sys

d = pathlib.Path(sys.argv[1])
out = ["documents:"]
for f in sorted((d / "docs").iterdir()):
    data = f.read_bytes()
    text = data.decode()
    did = f.stem
    if "-en-" in did and "mixed" not in did:
        lang = "en"
    elif "-zh-" in did and "mixed" not in did:
        lang = "zh"
    else:
        lang = "zh" if len(re.findall(r"[\u4e00-\u9fff]", text)) > len(text) * 0.2 else "en"
    title = text.strip().splitlines()[0].lstrip("# ").replace('"', "'")[:80]
    out += [f"  - id: {did}", f"    file: docs/{f.name}", f"    sha256: {hashlib.sha256(data).hexdigest()}",
            f'    title_en: "{title}"', "    year: 2025", f"    language: {lang}"]
(d / "sources.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")
print((d / "sources.yaml").read_text())

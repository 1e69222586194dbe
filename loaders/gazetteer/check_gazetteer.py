#!/usr/bin/env python3
"""Development check for the gazetteer YAML files (not part of the library).

usage: python loaders/gazetteer/check_gazetteer.py [--corpus DIR] [-v]

Checks: YAML shape, allowed keys, node types and declared properties (schema/schema.yaml), id slugs
unique per type, ISO dates, no quotes/book-title brackets in aliases, no surface form shared by two
entities (doc_aliases only within their document), and that every alias occurs in the corpus
(Latin: case-insensitive unless case-sensitive, ASCII word boundaries; Chinese: exact). It then
simulates leftmost-longest matching to list entities without mentions and forms that never win.
-v prints mention counts per entity and document. Exit status 1 on any error.
"""
import argparse, collections, glob, os, re, sys
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..'))
ap = argparse.ArgumentParser()
ap.add_argument('--corpus', default=os.path.join(REPO, '..', 'shared', 'corpus'))
ap.add_argument('-v', action='store_true')
args = ap.parse_args()
src = yaml.safe_load(open(os.path.join(args.corpus, 'sources.yaml'), encoding='utf-8'))
texts = {d['id']: open(os.path.join(args.corpus, d['file']), encoding='utf-8').read() for d in src['documents']}
SCHEMA=yaml.safe_load(open(os.path.join(REPO,'schema','schema.yaml'),encoding='utf-8'))
NT={k:v for k,v in SCHEMA['node_types'].items() if not v.get('lexical')}
ALLOWED={'id','type','kind','name','name_zh','aliases','doc_aliases','case_sensitive','properties','reference'}
errs=[]; warns=[]
def E(m): errs.append(m)
def W(m): warns.append(m)
CJK=re.compile(r'[\u2e80-\u9fff\uff00-\uffef]')
LAT=re.compile(r'[A-Za-z0-9]')
def is_cs(a, ent):
    if a in (ent.get('case_sensitive') or []): return True
    letters=re.sub(r'[^A-Za-z]','',a)
    return bool(letters) and letters.isupper() and len(letters)<=6 and not CJK.search(a)
def pattern(a, cs):
    flags=0 if cs else re.I
    pre=r'(?<![A-Za-z0-9])' if LAT.match(a[0]) else ''
    post=r'(?![A-Za-z0-9])' if LAT.match(a[-1]) else ''
    return re.compile(pre+re.escape(a)+post, flags)
def norm(a, cs):
    return a if cs else a.casefold()
ents=[]
for f in sorted(glob.glob(os.path.join(HERE,'*.yaml'))):
    d=yaml.safe_load(open(f,encoding='utf-8'))
    if set(d)!={'entities'}: E(f'{f}: top-level keys {set(d)}')
    for e in d['entities']:
        e['_file']=os.path.basename(f); ents.append(e)
ids=collections.Counter()
for e in ents:
    tag=f"{e['_file']}:{e.get('id')}"
    extra=set(e)-ALLOWED-{'_file'}
    if extra: E(f'{tag}: unknown keys {extra}')
    for k in ('id','type','name'):
        if not e.get(k): E(f'{tag}: missing {k}')
    if e['type'] not in NT: E(f'{tag}: bad type {e["type"]}')
    if not re.fullmatch(r'[a-z0-9]+(-[a-z0-9]+)*', e['id']): E(f'{tag}: bad id slug')
    ids[(e['type'],e['id'])]+=1
    if e.get('kind') and not re.fullmatch(r'[a-z0-9]+(_[a-z0-9]+)*', e['kind']): E(f'{tag}: bad kind')
    props=NT.get(e['type'],{}).get('properties') or {}
    for where,pp in (('properties',e.get('properties') or {}),('reference',(e.get('reference') or {}).get('properties') or {})):
        for k,v in pp.items():
            if k not in props: E(f'{tag}: {where} key {k} not declared for {e["type"]}'); continue
            t=props[k]['type']
            if t=='date' and not (isinstance(v,str) and re.fullmatch(r'\d{4}(-\d{2}(-\d{2})?)?',v)): E(f'{tag}: {k} not ISO date string: {v!r}')
            if t=='int' and not isinstance(v,int): E(f'{tag}: {k} not int')
            if t=='string' and not isinstance(v,str): E(f'{tag}: {k} not string: {v!r}')
    if e.get('reference') and not e['reference'].get('source'): E(f'{tag}: reference without source')
    for a in (e.get('aliases') or [])+[x for v in (e.get('doc_aliases') or {}).values() for x in v]:
        if not isinstance(a,str): E(f'{tag}: alias not a string {a!r}')
        elif re.search(r'[《》“”"‘’]',a) and "’" not in a: E(f'{tag}: quote/bracket in alias {a!r}')
        elif a!=a.strip(): E(f'{tag}: whitespace around alias {a!r}')
    for dk in (e.get('doc_aliases') or {}):
        if dk not in texts: E(f'{tag}: unknown doc {dk}')
for k,c in ids.items():
    if c>1: E(f'duplicate id {k}')
# surface forms
glob_forms={}  # norm -> (entity, alias, cs)
doc_forms=collections.defaultdict(dict)
for e in ents:
    key=f"{e['type']}:{e['id']}"
    forms=[e['name']]+([e['name_zh']] if e.get('name_zh') else [])+list(e.get('aliases') or [])
    seen=set()
    for a in forms:
        cs=is_cs(a,e); n=norm(a,cs)
        if n in seen: W(f'{key}: redundant form {a!r}'); continue
        seen.add(n)
        if n in glob_forms and glob_forms[n][0]!=key: E(f'alias collision {a!r}: {glob_forms[n][0]} and {key}')
        glob_forms[n]=(key,a,cs,e)
    for doc,al in (e.get('doc_aliases') or {}).items():
        for a in al:
            cs=is_cs(a,e); n=norm(a,cs)
            if n in glob_forms and glob_forms[n][0]!=key: E(f'doc alias collision {doc}:{a!r} with global {glob_forms[n][0]}')
            if n in doc_forms[doc] and doc_forms[doc][n][0]!=key: E(f'doc alias collision {doc}:{a!r}')
            doc_forms[doc][n]=(key,a,cs,e)
# occurrence check
occ={}
for n,(key,a,cs,e) in glob_forms.items():
    p=pattern(a,cs); occ[(key,a)]={d:len(p.findall(t)) for d,t in texts.items()}
    isname = a in (e['name'], e.get('name_zh'))
    if sum(occ[(key,a)].values())==0 and not isname: E(f'{key}: alias {a!r} occurs nowhere')
for doc,m in doc_forms.items():
    for n,(key,a,cs,e) in m.items():
        c=len(pattern(a,cs).findall(texts[doc]))
        if c==0: E(f'{key}: doc alias {doc}:{a!r} not in {doc}')
# leftmost-longest simulation
def simulate(doc):
    t=texts[doc]; spans=[]
    allf=list(glob_forms.values())+list(doc_forms.get(doc,{}).values())
    for key,a,cs,e in allf:
        for m in pattern(a,cs).finditer(t): spans.append((m.start(),-(m.end()-m.start()),m.end(),key,a))
    spans.sort(); out=[]; end=-1
    for s,negl,en,key,a in spans:
        if s>=end: out.append((s,en,key,a)); end=en
    return out
mentions=collections.Counter(); winning=collections.Counter()
for doc in texts:
    for s,en,key,a in simulate(doc):
        mentions[(key,doc)]+=1; winning[(key,a)]+=1
tot=collections.Counter()
for (key,doc),c in mentions.items(): tot[key]+=c
if True:
    for w in warns: print('WARN',w)
    for x in errs: print('ERROR',x)
    print('entities',len(ents)); print(collections.Counter(e['type'] for e in ents))
    zero=[f"{e['type']}:{e['id']}" for e in ents if tot[f"{e['type']}:{e['id']}"]==0]
    print('entities with no mention under leftmost-longest:',zero)
    never=[(k,a) for (k,a),v in occ.items() if sum(v.values())>0 and winning[(k,a)]==0]
    print('forms that occur but never win:',never)
    if args.v:
        for e in ents:
            key=f"{e['type']}:{e['id']}"
            print(key, {d:mentions[(key,d)] for d in texts if mentions[(key,d)]})

sys.exit(1 if errs else 0)

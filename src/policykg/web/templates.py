"""The web app's Jinja templates (``.html`` names: Flask escapes every value), kept as strings so a wheel carries
them with the code."""

# ruff: noqa: E501 - HTML and JavaScript lines read better whole than wrapped by a Python rule

BASE = r"""<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}policykg{% endblock %} · policykg</title>
<style>
  body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC",
         "PingFang SC", sans-serif; color: #202124; }
  header { display: flex; gap: 1.2em; align-items: center; padding: .5em 1.2em; background: #1f4e9c; color: #fff;
           flex-wrap: wrap; }
  header a { color: #fff; }
  header .brand { font-weight: 700; font-size: 1.1em; text-decoration: none; }
  header form { margin-left: auto; }
  input, select, button { font: inherit; padding: .2em .4em; }
  main { padding: .5em 1.2em 2em; max-width: 1400px; }
  h1 { font-size: 1.4em; margin: .5em 0 .3em; }
  h2 { font-size: 1.15em; margin: 1.2em 0 .4em; }
  a { color: #1a73e8; }
  .muted { color: #5f6368; }
  .error { background: #fce8e6; border-left: 4px solid #d93025; padding: .5em 1em; }
  .notes { white-space: pre-wrap; color: #3c4043; }
  .picture { width: 100%; height: 640px; border: 1px solid #dadce0; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: .35em .5em; border-bottom: 1px solid #e8eaed; }
  th { background: #f1f3f4; }
  .ev { margin: .2em 0 .4em; padding: .2em .5em; border-left: 3px solid #dadce0; background: #f8f9fa;
        font-size: .92em; }
  .ev .where { color: #5f6368; font-size: .9em; }
  .path { font-family: ui-monospace, monospace; font-size: .88em; }
  .type { display: inline-block; padding: 0 .4em; border-radius: 3px; color: #fff; font-size: .85em; }
  .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 1em; }
  .card { border: 1px solid #dadce0; border-radius: 6px; padding: .6em 1em; }
  .card h3 { margin: .1em 0 .4em; font-size: 1em; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: .1em .8em; }
  dt { color: #5f6368; }
  dd { margin: 0; }
</style>
</head>
<body>
<header>
  <a class="brand" href="{{ url_for('index', lang=lang) }}">policykg</a>
  <a href="{{ url_for('index', lang=lang) }}#reports">Reports</a>
  <a href="{{ url_for('path_finder', lang=lang) }}">Path finder</a>
  <a href="{{ url_for('downloads', lang=lang) }}">Downloads</a>
  <span>names: {% if lang == 'zh' %}<a href="{{ lang_url('en') }}">English</a> · 中文{% else %}English ·
    <a href="{{ lang_url('zh') }}">中文</a>{% endif %}</span>
  <form action="{{ url_for('search') }}" method="get" role="search">
    <input type="hidden" name="lang" value="{{ lang }}">
    <input id="search" name="q" value="{{ q or '' }}" placeholder="Any name or alias, English or 中文"
           aria-label="Search" size="32">
    <button type="submit">Search</button>
  </form>
</header>
<main>
{% block body %}{% endblock %}
</main>
</body>
</html>
"""

MACROS = r"""
{% macro evidence(items, limit=None) -%}
  {% for ev in (items[:limit] if limit else items) %}
    <div class="ev"><div class="where">{{ ev.where }} · {{ ev.how }}</div>{% if ev.text %}<div>{{ ev.text }}</div>{% endif %}</div>
  {% endfor %}
  {% if limit and items|length > limit %}<div class="muted">… {{ items|length - limit }} more</div>{% endif %}
{%- endmacro %}
{% macro path(steps) -%}
  <span class="path">{% for s in steps %}{% if s.node %}<a href="{{ url_for('entity', name=s.node, lang=lang) }}">{{ s.name }}</a>{% elif s.dir == '->' %} -[{{ s.rel }}]-&gt; {% else %} &lt;-[{{ s.rel }}]- {% endif %}{% endfor %}</span>
{%- endmacro %}
{% macro badge(type) -%}
  <span class="type" style="background: {{ colors.get(type, '#5f6368') }}">{{ type }}</span>
{%- endmacro %}
"""

INDEX = r"""{% extends "base.html" %}{% import "macros.html" as m with context %}
{% block title %}Home{% endblock %}
{% block body %}
<h1>US–China technology-competition policy graph</h1>
<p class="muted">{{ counts.nodes }} nodes and {{ counts.edges }} edges from {{ counts.documents }} documents;
  every node and edge shows the sentences it came from. Search any name above (English or Chinese, any alias).</p>
<h2 id="reports">Reports</h2>
<div class="cards">
  <div class="card"><h3>Policies touching a sector</h3>
    <form action="{{ url_for('report', name='sector') }}" method="get">
      <input type="hidden" name="lang" value="{{ lang }}">
      <input name="sector" list="sectors" value="semiconductors" aria-label="sector">
      <datalist id="sectors">{% for s in sectors %}<option value="{{ s }}">{% endfor %}</datalist>
      <button type="submit">Show</button></form></div>
  <div class="card"><h3>Administrations</h3>
    {% for a in administrations %}<a href="{{ url_for('report', name='administration', administration=a.id, lang=lang) }}">{{ a.label }}</a>{% if not loop.last %} → {% endif %}{% endfor %}
    <p><a href="{{ url_for('report', name='timeline', lang=lang) }}">Timeline: every administration and its measures</a></p></div>
  <div class="card"><h3>What involves an entity</h3>
    <form action="{{ url_for('report', name='entity') }}" method="get">
      <input type="hidden" name="lang" value="{{ lang }}">
      <input name="entity" value="Huawei" aria-label="entity"> <button type="submit">Show</button></form></div>
  <div class="card"><h3>Industry chains</h3>
    {% for c in chains %}<p><a href="{{ url_for('report', name='chain', chain=c.id, lang=lang) }}">{{ c.label }}</a></p>{% endfor %}</div>
  <div class="card"><h3>Countermeasures</h3>
    <p><a href="{{ url_for('report', name='countermeasures', lang=lang) }}">Measures and the responses set against them</a></p></div>
  <div class="card"><h3>Shortest connections</h3>
    <form action="{{ url_for('path_finder') }}" method="get">
      <input type="hidden" name="lang" value="{{ lang }}">
      <input name="source" value="CHIPS and Science Act" aria-label="from" size="18"> →
      <input name="target" value="Samsung" aria-label="to" size="12"> <button type="submit">Find</button></form></div>
  {% if screening %}<div class="card"><h3>U.S. Consolidated Screening List</h3>
    <form action="{{ url_for('report', name='listings') }}" method="get">
      <input type="hidden" name="lang" value="{{ lang }}">
      <input name="country" value="CN" size="3" aria-label="country"> <button type="submit">Listed parties</button></form></div>{% endif %}
</div>
<h2>Nodes by type</h2>
<p>{% for t, c in types %}{{ m.badge(t) }} {{ c }}&nbsp; {% endfor %}</p>
{% endblock %}
"""

SEARCH = r"""{% extends "base.html" %}{% import "macros.html" as m with context %}
{% block title %}Search {{ q }}{% endblock %}
{% block body %}
<h1>Search: {{ q }}</h1>
{% if message %}<p class="error">{{ message }}</p>{% endif %}
{% if hits %}
<p class="muted">{{ hits|length }}{% if more %} of {{ total }}{% endif %} name(s) containing “{{ q }}”:</p>
<ul id="hits">{% for h in hits %}<li>{{ m.badge(h.type) }} <a href="{{ url_for('entity', name=h.id, lang=lang) }}">{{ h.label }}</a>
  <span class="muted">{{ h.other }}{% if h.matched %} · matched “{{ h.matched }}”{% endif %}</span></li>{% endfor %}</ul>
{% elif q %}<p>No name contains “{{ q }}”.</p>{% endif %}
{% endblock %}
"""

ENTITY = r"""{% extends "base.html" %}{% import "macros.html" as m with context %}
{% block title %}{{ label }}{% endblock %}
{% block body %}
<h1 id="entity-name">{{ label }}</h1>
<p>{{ m.badge(node.type) }}{% if node.kind %} {{ node.kind }}{% endif %} <span class="muted">{{ other }} · {{ node.id }}</span></p>
{% if node.aliases %}<p class="muted">also: {{ node.aliases|join(' | ') }}</p>{% endif %}
{% if properties %}<dl>{% for k, v in properties %}<dt>{{ k }}</dt><dd>{{ v }}</dd>{% endfor %}</dl>{% endif %}
<p><a href="{{ url_for('report', name='entity', entity=node.id, lang=lang) }}">Report: what involves {{ label }}</a> ·
  downloads of this neighbourhood: {% for fmt in formats %}<a href="{{ url_for('download', fmt=fmt, subgraph=spec) }}">{{ fmt }}</a>{% if not loop.last %}, {% endif %}{% endfor %}</p>
<iframe class="picture" title="picture of {{ label }} and its neighbours" src="{{ url_for('picture', subgraph=spec, lang=lang) }}"></iframe>
<h2>Relations ({% if total > relations|length %}the first {{ relations|length }} of {% endif %}{{ total }})</h2>
<table id="relations"><tr><th>relation</th><th>other end</th><th>found by</th><th>evidence</th></tr>
{% for r in relations %}<tr><td class="path">{% if r.direction == 'out' %}-[{{ r.type }}]-&gt;{% else %}&lt;-[{{ r.type }}]-{% endif %}</td>
  <td>{{ m.badge(r.other_type) }} <a href="{{ url_for('entity', name=r.other_id, lang=lang) }}">{{ r.other }}</a></td>
  <td class="muted">{{ r.stages }}</td><td>{{ m.evidence(r.evidence, 3) }}</td></tr>{% endfor %}
</table>
<h2>Evidence for the entity</h2>
{{ m.evidence(evidence, 20) }}
{% endblock %}
"""

REPORT = r"""{% extends "base.html" %}{% import "macros.html" as m with context %}
{% block title %}{{ title }}{% endblock %}
{% block body %}
{% if no_result %}<h1>{{ title }}</h1>{% endif %}
{% if path_form %}{% include "path_form.html" %}{% endif %}
{% if error %}<h1>{{ title }}</h1><p class="error" id="error">{{ error }}</p>{% elif not no_result %}
<h1 id="report-title">{{ title }}</h1>
{% if notes %}<div class="notes">{{ notes|join('\n') }}</div>{% endif %}
<p>Downloads of this report's subgraph: {% for fmt in formats %}<a href="{{ url_for('download', fmt=fmt, subgraph=spec) }}">{{ fmt }}</a>{% if not loop.last %}, {% endif %}{% endfor %}
  · <a href="{{ picture_url }}" target="_blank">picture on its own page</a></p>
<iframe class="picture" title="picture of the report" src="{{ picture_url }}"></iframe>
{% if not rows %}<p>Nothing found: {{ empty_reason }}</p>{% else %}
<h2>{{ total }} row(s){% if total > rows|length %}, the first {{ rows|length }} shown{% endif %}</h2>
<table id="rows"><tr><th>#</th><th>name</th><th>group · date</th><th>paths</th><th>evidence</th></tr>
{% for r in rows %}<tr><td>{{ loop.index }}</td>
  <td>{{ m.badge(r.type) }} <a href="{{ url_for('entity', name=r.id, lang=lang) }}">{{ r.name }}</a></td>
  <td>{{ r.group }}{% if r.date %} · {{ r.date }}{% endif %}</td>
  <td>{% for p in r.paths[:3] %}<div>{{ m.path(p) }}</div>{% endfor %}{% if r.paths|length > 3 %}<div class="muted">+{{ r.paths|length - 3 }} more paths</div>{% endif %}</td>
  <td>{{ m.evidence(r.evidence, 4) }}</td></tr>{% endfor %}
</table>{% endif %}{% endif %}
{% endblock %}
"""

PATH_FORM = r"""<form action="{{ url_for('path_finder') }}" method="get" id="path-form">
  <input type="hidden" name="lang" value="{{ lang }}">
  <input name="source" value="{{ source }}" placeholder="from (any name)" aria-label="from"> →
  <input name="target" value="{{ target }}" placeholder="to (any name)" aria-label="to">
  <button type="submit">Find the shortest connections</button></form>
"""

DOWNLOADS = r"""{% extends "base.html" %}
{% block title %}Downloads{% endblock %}
{% block body %}
<h1>Downloads</h1>
<p class="muted">The whole graph in each export format, the same bytes as <code>policykg export FORMAT</code>
  (GEXF and GraphML without the lexical layer; CSV as a zip of the neo4j-admin import files).</p>
<ul id="downloads">{% for fmt, what in formats %}<li><a href="{{ url_for('download', fmt=fmt) }}">{{ fmt }}</a>: {{ what }}</li>{% endfor %}</ul>
{% endblock %}
"""

ERROR = r"""{% extends "base.html" %}
{% block title %}Error{% endblock %}
{% block body %}<h1>{{ title }}</h1><p class="error" id="error">{{ message }}</p>{% endblock %}
"""

TEMPLATES = {"base.html": BASE, "macros.html": MACROS, "index.html": INDEX, "search.html": SEARCH,
             "entity.html": ENTITY, "report.html": REPORT, "path_form.html": PATH_FORM, "downloads.html": DOWNLOADS,
             "error.html": ERROR}

"""The Jinja template of a picture page (pyvis renders it): vis-network inlined, the graph as JSON, a side panel.

Kept as a Python string so an installed wheel carries it with the code. Every value from the graph reaches the page
as JSON (``tojson`` escapes ``<``, ``>``, ``&`` and quotes) or as escaped text, and the panel builds its content
with ``textContent``, never ``innerHTML``: a name or sentence can never become markup.
"""

# ruff: noqa: E501 - HTML and JavaScript lines read better whole than wrapped by a Python rule

PICTURE_TEMPLATE = r"""<!DOCTYPE html>
<html lang="{{ page.lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="policykg {{ version }} (vis-network via pyvis)">
<title>{{ page.title }} · policykg</title>
<style>{{ vis_css }}</style>
<style>
  html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", "Noto Sans",
               "Noto Sans CJK SC", "PingFang SC", sans-serif; color: #202124; }
  body { display: flex; flex-direction: column; }
  header { display: flex; align-items: baseline; gap: 1em; padding: .5em 1em; border-bottom: 1px solid #dadce0;
           flex-wrap: wrap; }
  header h1 { font-size: 1.15em; margin: 0; }
  header .scope { color: #5f6368; }
  header form { margin-left: auto; }
  header input { font: inherit; padding: .2em .4em; width: 16em; }
  #find-status { color: #b3261e; margin-left: .5em; }
  #cap-note { background: #fef7e0; border-bottom: 1px solid #f9ab00; padding: .4em 1em; }
  main { flex: 1; display: flex; min-height: 0; }
  #graph { flex: 1; min-width: 0; position: relative; }
  #panel { width: 400px; max-width: 45%; overflow-y: auto; border-left: 1px solid #dadce0; padding: .5em 1em;
           box-sizing: border-box; }
  #panel h2 { font-size: 1.1em; margin: .3em 0; }
  #panel h3 { font-size: .95em; margin: 1em 0 .3em; color: #3c4043; }
  #panel ul { padding-left: 1.1em; margin: .2em 0; }
  #panel li { margin: .25em 0; }
  .type { display: inline-block; padding: 0 .4em; border-radius: 3px; color: #fff; font-size: .85em; }
  .swatch { display: inline-block; width: .9em; height: .9em; border-radius: 50%; vertical-align: -.1em;
            margin-right: .3em; }
  .muted { color: #5f6368; }
  .link { color: #1a73e8; cursor: pointer; text-decoration: underline; background: none; border: 0;
          font: inherit; padding: 0; text-align: left; }
  .evidence { margin: .3em 0 .6em; padding: .3em .5em; border-left: 3px solid #dadce0; background: #f8f9fa; }
  .evidence .where { font-size: .85em; color: #5f6368; }
  .evidence .text { margin-top: .15em; }
  .relation { margin: .5em 0; }
  .relation .rel { font-family: ui-monospace, monospace; font-size: .85em; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: .1em .6em; margin: .3em 0; }
  dt { color: #5f6368; }
  dd { margin: 0; word-break: break-word; }
  footer { border-top: 1px solid #dadce0; padding: .2em 1em; color: #5f6368; font-size: .85em; }
</style>
</head>
<body data-ready="0">
<header>
  <h1 id="title">{{ page.title }}</h1>
  <span class="scope">{{ page.scope }} · {{ page.counts.nodes }} nodes, {{ page.counts.edges }} edges</span>
  <form id="find" autocomplete="off">
    <input id="find-input" type="search" placeholder="Find a name in the picture…" aria-label="Find a name">
    <span id="find-status" role="status"></span>
  </form>
</header>
{% if page.cap_note %}<div id="cap-note" role="note">{{ page.cap_note }}</div>{% endif %}
<main>
  <div id="graph" aria-label="graph picture"></div>
  <aside id="panel" aria-live="polite"></aside>
</main>
<footer>policykg {{ version }} · drawn with vis-network · click a node or edge for its relations and evidence;
  drag to move, scroll to zoom · the administrations are pinned left to right in their order</footer>
<script>{{ vis_js }}</script>
<script>
(function () {
  "use strict";
  var page = {{ page|tojson }};
  var nodes = new vis.DataSet({{ nodes|tojson }});
  var edges = new vis.DataSet({{ edges|tojson }});
  var options = {{ options|safe }};
  var panel = document.getElementById("panel");
  var network = new vis.Network(document.getElementById("graph"), {nodes: nodes, edges: edges}, options);

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; }
      else if (k === "onclick") { node.addEventListener("click", attrs[k]); }
      else if (k === "style") { node.setAttribute("style", attrs[k]); }
      else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function nodeColor(n) { return typeof n.color === "string" ? n.color : n.color.background; }
  function typeBadge(type, color) { return el("span", {"class": "type", style: "background:" + color, text: type}); }
  function fullName(n) { return page.lang === "zh" && n.pk.name_zh ? n.pk.name_zh : n.pk.name; }
  function nodeLink(id) {
    var n = nodes.get(id);
    return el("button", {"class": "link", text: n ? fullName(n) : id, onclick: function () { select(id); }});
  }
  function evidenceList(items, more) {
    var box = el("div");
    items.forEach(function (ev) {
      var parts = [el("div", {"class": "where", text: ev.where + " · " + ev.how})];
      if (ev.text) { parts.push(el("div", {"class": "text", text: ev.text})); }
      box.appendChild(el("div", {"class": "evidence"}, parts));
    });
    if (more) { box.appendChild(el("div", {"class": "muted", text: "… " + more + " more evidence records"})); }
    return box;
  }
  function properties(props) {
    var keys = Object.keys(props);
    if (!keys.length) { return el("span"); }
    var dl = el("dl");
    keys.forEach(function (k) {
      var value = props[k], dd = el("dd", {text: value});
      if (value.length > 160) {  // long figure lists: the start, and the rest on request
        dd.textContent = value.slice(0, 150) + "… ";
        dd.appendChild(el("button", {"class": "link", text: "more", onclick: function () { dd.textContent = value; }}));
      }
      dl.appendChild(el("dt", {text: k}));
      dl.appendChild(dd);
    });
    return dl;
  }
  function clear() { while (panel.firstChild) { panel.removeChild(panel.firstChild); } panel.scrollTop = 0; }
  function back() { return el("button", {"class": "link", text: "← overview", onclick: showOverview}); }

  function showOverview() {
    clear();
    panel.dataset.showing = "overview";
    panel.appendChild(el("h2", {text: page.title}));
    page.notes.forEach(function (n) { panel.appendChild(el("div", {"class": "muted", text: n})); });
    if (page.cap_note) { panel.appendChild(el("p", {text: page.cap_note})); }
    panel.appendChild(el("h3", {text: "Colours"}));
    var legend = el("ul", {style: "list-style:none;padding-left:0"});
    page.legend.forEach(function (t) {
      legend.appendChild(el("li", {}, [el("span", {"class": "swatch", style: "background:" + t.color}),
                                        t.type + " (" + t.count + ")"]));
    });
    panel.appendChild(legend);
    if (page.rows.length) {
      panel.appendChild(el("h3", {text: "Answer: " + page.rows.length + " row(s)"}));
      var list = el("ul", {id: "rows"}), group = null;
      page.rows.forEach(function (r) {
        if (r.group && r.group !== group) {
          group = r.group;
          list.appendChild(el("li", {style: "list-style:none;margin-top:.6em;font-weight:600", text: group}));
        }
        var name = r.drawn ? el("button", {"class": "link", text: r.name, onclick: function () { select(r.id); }})
                           : el("span", {text: r.name + " (not drawn)"});
        list.appendChild(el("li", {}, [name, el("span", {"class": "muted",
                                                             text: " [" + r.type + "] " + r.detail})]));
      });
      panel.appendChild(list);
    }
    panel.appendChild(el("p", {"class": "muted", text: "Click a node or an edge to see its relations and the " +
                                                       "sentences they come from."}));
  }

  function showNode(id) {
    var n = nodes.get(id);
    if (!n) { return; }
    var pk = n.pk;
    clear();
    panel.dataset.showing = "node:" + id;
    panel.appendChild(back());
    panel.appendChild(el("h2", {id: "panel-title", text: fullName(n)}));
    var other = page.lang === "zh" ? pk.name : pk.name_zh;
    panel.appendChild(el("div", {}, [typeBadge(pk.type + (pk.kind ? " / " + pk.kind : ""), nodeColor(n)),
                                     " ", el("span", {"class": "muted", text: (other ? other + " · " : "") + id})]));
    if (pk.aliases.length) { panel.appendChild(el("div", {"class": "muted", text: "also: " + pk.aliases.join(" | ")})); }
    panel.appendChild(properties(pk.properties));
    var connected = network.getConnectedEdges(id).map(function (eid) { return edges.get(eid); });
    connected.sort(function (a, b) {
      return (a.from === id ? 0 : 1) - (b.from === id ? 0 : 1) || a.pk.type.localeCompare(b.pk.type) ||
             String(a.from === id ? a.to : a.from).localeCompare(String(b.from === id ? b.to : b.from));
    });
    panel.appendChild(el("h3", {text: "Relations (" + connected.length + " drawn" +
                                      (pk.outside ? ", " + pk.outside + " more outside this picture" : "") + ")"}));
    var rels = el("div", {id: "relations"});
    connected.forEach(function (e) {
      var out = e.from === id;
      var head = el("div", {"class": "rel"}, out ? ["-[" + e.pk.type + "]-> ", nodeLink(e.to)]
                                                 : ["<-[" + e.pk.type + "]- ", nodeLink(e.from)]);
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("button", {"class": "link muted", text: "(edge)", onclick: function () { showEdge(e.id); }}));
      rels.appendChild(el("div", {"class": "relation"}, [head, evidenceList(e.pk.evidence, e.pk.more_evidence)]));
    });
    panel.appendChild(rels);
    panel.appendChild(el("h3", {text: "Evidence for the entity"}));
    panel.appendChild(evidenceList(pk.evidence, pk.more_evidence));
  }

  function showEdge(id) {
    var e = edges.get(id);
    if (!e) { return; }
    clear();
    panel.dataset.showing = "edge:" + id;
    panel.appendChild(back());
    panel.appendChild(el("h2", {id: "panel-title", text: e.pk.type}));
    panel.appendChild(el("div", {"class": "rel"}, [nodeLink(e.from), " -[" + e.pk.type + "]-> ", nodeLink(e.to)]));
    panel.appendChild(el("div", {"class": "muted", text: "found by: " + e.pk.stages.join(", ") + " · " + id}));
    panel.appendChild(properties(e.pk.properties));
    panel.appendChild(el("h3", {text: "Evidence"}));
    panel.appendChild(evidenceList(e.pk.evidence, e.pk.more_evidence));
  }

  function select(id) {
    if (!nodes.get(id)) { return; }
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 0.8), animation: false});
    showNode(id);
  }

  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
    else { showOverview(); }
  });

  document.getElementById("find").addEventListener("submit", function (event) {
    event.preventDefault();
    var q = document.getElementById("find-input").value.trim().toLowerCase();
    var status = document.getElementById("find-status");
    status.textContent = "";
    if (!q) { return; }
    var hits = nodes.get({filter: function (n) {
      return [n.pk.name, n.pk.name_zh, n.id].concat(n.pk.aliases).some(function (s) {
        return s && String(s).toLowerCase().indexOf(q) >= 0;
      });
    }});
    if (!hits.length) { status.textContent = "not in this picture"; return; }
    select(hits[0].id);
  });

  function ready() {
    network.setOptions({physics: {enabled: false}});  // a still picture: dragging moves one node, clicks stay put
    network.once("afterDrawing", function () {  // ready once the laid-out picture is on the canvas
      window.policykg.ready = true;
      document.body.dataset.ready = "1";
    });
    network.fit({animation: false});
    network.redraw();
  }
  window.policykg = {network: network, nodes: nodes, edges: edges, page: page, ready: false,
                     select: select, showNode: showNode, showEdge: showEdge};
  showOverview();
  if (nodes.length === 0) { ready(); }
  else { network.once("stabilizationIterationsDone", ready); }
})();
</script>
</body>
</html>
"""

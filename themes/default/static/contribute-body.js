/*
 * Kennisbank contribution forms: the checks `kennisbank check` applies to the
 * text (the Markdown body) of a new document, in the browser, with their
 * messages and hints word for word (contribute.js uses them; load
 * contribute-rules.js first). Mirrors src/diagnostics/controls.rs (in_body), src/site/markdown/headings.rs
 * (links, images, raw HTML, heading ids) and src/anchors.rs (links to a section).
 *
 * Links and headings are found with a small scanner, not a full Markdown
 * parser. Known limits, where `kennisbank check` stays the final word: links
 * split over two lines, reference links (their targets are not checked), HTML
 * inside a list; headings inside list items and block quotes other than on the
 * marker's line; emphasis inside a word in a heading (`a*b*c`); named character
 * references in a heading other than &amp; &lt; &gt; &quot; &apos; &nbsp;
 * (numeric ones are decoded).
 * No dependencies.
 */
(function (root) {
  'use strict';

  var rules = typeof module === 'object' && module.exports ? require('./contribute-rules.js') : root.KennisbankContributeRules;
  var trim = rules.trim;
  var closest = rules.closest;

  var BLOCK_TAGS = ('address article aside base basefont blockquote body caption center col colgroup dd details ' +
    'dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr ' +
    'html iframe legend li link main menu menuitem nav noframes ol optgroup option p param search section summary ' +
    'table tbody td tfoot th thead title tr track ul').split(' ');
  var TAG = /^<\/?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>/;
  var AUTOLINK = /^<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/;
  var ATX = /^ {0,3}(#{1,6})(?=[ \t]|$)/;
  // What may hold a heading on its own line: block quote markers and one list marker.
  var CONTAINER = /^(?: {0,3}> ?)*(?: {0,3}(?:[-+*]|[0-9]{1,9}[.)])[ \t]+)?/;

  function isExternal(dest) {
    return dest.indexOf('://') >= 0 || dest.startsWith('mailto:') || dest.startsWith('tel:') || dest.startsWith('#');
  }

  /** Resolves `.` and `..` (markdown::normalize); null when it leaves content/. */
  function normalize(path) {
    var out = [];
    var parts = path.split('/');
    for (var i = 0; i < parts.length; i++) {
      var p = parts[i];
      if (p === '' || p === '.') continue;
      if (p === '..') {
        if (!out.length) return null;
        out.pop();
      } else out.push(p);
    }
    return out.join('/');
  }

  /** markdown::resolve: a target ({document, anchor} or {asset} or {external}), or {error: [message, hint]}. */
  function resolve(dest, wiki, index, folder) {
    var hash = dest.indexOf('#');
    var path = hash >= 0 ? dest.slice(0, hash) : dest;
    var anchor = hash >= 0 ? dest.slice(hash + 1) : null;
    if (wiki) {
      var slash = path.lastIndexOf('/');
      var slug = trim(slash >= 0 ? path.slice(slash + 1) : path);
      var prefix = slash >= 0 ? trim(path.slice(0, slash)) : null;
      var kind = index.bySlug.get(slug);
      if (kind !== undefined && (prefix === null || prefix === kind)) return { document: slug, anchor: anchor };
      if (kind !== undefined) {
        return { error: ['broken link [[' + dest + "]]: '" + slug + "' is a " + kind + ', not a ' + prefix,
          'write [[' + kind + '/' + slug + ']] or [[' + slug + ']]'] };
      }
      var close = closest(slug, Array.from(index.bySlug.keys()));
      return { error: ['broken link [[' + dest + "]]: no document with slug '" + slug + "'",
        close !== null ? 'did you mean [[' + close + ']]?' : 'check the slug: it is the file name without .md'] };
    }
    if (isExternal(dest)) return { external: true };
    var target = normalize(folder + '/' + path);
    if (target === null) return { error: ["broken link '" + dest + "': it leads outside content/", 'link to files inside content/'] };
    if (path.endsWith('.md')) {
      if (index.byRel.has(target)) return { document: index.byRel.get(target), anchor: anchor };
      return { error: ["broken link '" + dest + "': content/" + target + ' does not exist', 'check the file name, or link by slug with [[slug]]'] };
    }
    if (index.assets.has(target)) return { asset: target };
    return { error: ["broken link '" + dest + "': content/" + target + ' does not exist', 'put the file in content/ or fix the path'] };
  }

  /** The body's text with code (fenced, indented, spans) blanked out, same length. */
  function withoutCode(s) {
    var lines = s.split('\n');
    var fence = null;
    var prevBlank = true;
    var out = lines.map(function (l) {
      var m = /^ {0,3}(`{3,}|~{3,})/.exec(l);
      if (fence) {
        if (m && m[1][0] === fence[0] && m[1].length >= fence.length && trim(l.slice(m[0].length)) === '') fence = null;
        return ' '.repeat(l.length);
      }
      if (m) {
        fence = m[1];
        return ' '.repeat(l.length);
      }
      var blank = trim(l) === '';
      if (prevBlank && /^( {4}|\t)/.test(l) && !blank) return ' '.repeat(l.length);
      prevBlank = blank;
      return l;
    }).join('\n');
    // Code spans: a run of backticks up to the next run of the same length.
    return out.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, function (m) { return ' '.repeat(m.length); });
  }

  /** A diagnostic for the first forbidden character on each line (controls::in_body). */
  function controlErrors(body) {
    var out = [];
    body.split(/(?<=\n)/).forEach(function (l) {
      var c = rules.findChar(l, rules.isForbidden);
      if (c !== null) out.push({ field: 'body', message: rules.describeChar(c) + ' in the text', hint: rules.BODY_CONTROL_HINT });
    });
    return out;
  }

  // ---------------------------------------------------------------- heading ids (site/markdown/headings.rs)
  var ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

  function entity(m) {
    var n = /^&#[xX]([0-9a-fA-F]{1,6});/.exec(m) || /^&#([0-9]{1,7});/.exec(m);
    if (n) {
      var code = parseInt(n[1], /^&#[xX]/.test(m) ? 16 : 10);
      return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : String.fromCodePoint(code);
    }
    var name = /^&([A-Za-z][A-Za-z0-9]{1,31});/.exec(m);
    return name && ENTITIES[name[1]] !== undefined ? ENTITIES[name[1]] : null;
  }

  /** The end of the bracket that closes the one at `open`, or -1. */
  function closing(s, open, left, right) {
    var depth = 0;
    for (var i = open; i < s.length; i++) {
      if (s[i] === '\\') i++;
      else if (s[i] === left) depth++;
      else if (s[i] === right && --depth === 0) return i;
    }
    return -1;
  }

  /**
   * The text pulldown-cmark gives for a heading's Markdown, as site/markdown/headings.rs
   * gathers it for the id: text and code, a wikilink's title, a link's text,
   * an image's alt text; no HTML tags and no line breaks.
   */
  function headingText(s, ctx) {
    var out = '';
    var i = 0;
    while (i < s.length) {
      var c = s[i];
      var rest = s.slice(i);
      var m;
      if (c === '\\' && /^[!-/:-@[-`{-~]$/.test(s[i + 1] || '')) {
        out += s[i + 1];
        i += 2;
      } else if (c === '`') {
        var run = /^`+/.exec(rest)[0];
        var end = s.indexOf(run, i + run.length);
        while (end >= 0 && s[end + run.length] === '`') end = s.indexOf(run, end + run.length + 1);
        if (end < 0) { out += run; i += run.length; continue; }
        out += s.slice(i + run.length, end).replace(/\n/g, ' ');
        i = end + run.length;
      } else if (c === '<' && (m = AUTOLINK.exec(rest))) {
        out += m[0].slice(1, -1);
        i += m[0].length;
      } else if (c === '<' && (m = TAG.exec(rest) || /^<!--[\s\S]*?-->/.exec(rest))) {
        i += m[0].length;
      } else if (c === '&' && (m = /^&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/.exec(rest)) && entity(m[0]) !== null) {
        out += entity(m[0]);
        i += m[0].length;
      } else if (rest.startsWith('[[') && (m = /^\[\[([^\[\]\n]+)\]\]/.exec(rest))) {
        var pipe = m[1].indexOf('|');
        if (pipe >= 0) out += headingText(m[1].slice(pipe + 1), ctx);
        else {
          var r = resolve(m[1], true, ctx.index, ctx.folder);
          out += r.document !== undefined ? ctx.index.titles.get(r.document) : m[1];
        }
        i += m[0].length;
      } else if ((m = /^\[\^([^\]\s]+)\]/.exec(rest)) && ctx.defs.has(label('^' + m[1]))) {
        i += m[0].length;
      } else if ((c === '[' || (c === '!' && s[i + 1] === '[')) && (m = link(s, c === '!' ? i + 1 : i, ctx.defs))) {
        out += headingText(m.text, ctx);
        i = m.end;
      } else if (c === '\n') {
        out = out.replace(/[ \t]+$/, '');
        i++;
        while (s[i] === ' ' || s[i] === '\t') i++;
      } else {
        out += c;
        i++;
      }
    }
    return out;
  }

  /** A reference's label as definitions are matched: case and spacing aside. */
  function label(s) { return trim(s).replace(/\s+/g, ' ').toLowerCase(); }

  /**
   * The link at `open`: `[text](dest)`, or `[text][label]`, `[text][]` or
   * `[text]` with a definition of its label; its text and where it ends, or null.
   */
  function link(s, open, defs) {
    var close = closing(s, open, '[', ']');
    if (close < 0) return null;
    var text = s.slice(open + 1, close);
    if (s[close + 1] === '(') {
      var end = closing(s, close + 1, '(', ')');
      return end < 0 ? null : { text: text, end: end + 1 };
    }
    var ref = /^\[([^\[\]]*)\]/.exec(s.slice(close + 1));
    if (!defs.has(label(ref && ref[1] !== '' ? ref[1] : text))) return null;
    return { text: text, end: close + 1 + (ref ? ref[0].length : 0) };
  }

  var ATTRIBUTES = /\{([^{}<>\\\n\r]*)\}[ \t\n\r]*$/;

  /**
   * A heading's id before it is made unique, from its Markdown: the id of a
   * trailing attribute block (`{#id .class}`), or one made from its text.
   * `atx` says whether closing `#`s are to be dropped.
   */
  function headingBase(raw, atx, ctx) {
    var id = null;
    var attrs = ATTRIBUTES.exec(raw);
    if (attrs) {
      raw = raw.slice(0, attrs.index);
      attrs[1].split(/[ \t\n\f\r]+/).forEach(function (a) { if (a.length > 1 && a[0] === '#') id = a.slice(1); });
    }
    if (id !== null) return id;
    if (atx) {
      raw = raw.replace(/[ \n\r]+$/, '');
      var hashes = /(^| +)#+$/.exec(raw);
      if (hashes) raw = raw.slice(0, hashes.index);
    }
    return rules.suggestSlug(headingText(raw, ctx)) || 'sectie';
  }

  /** Unique ids for headings in order, the layout's own ids taken (assign_heading_ids). */
  function uniqueIds(bases, reserved) {
    var used = new Set(reserved);
    return bases.map(function (base) {
      var unique = base;
      for (var n = 2; used.has(unique); n++) unique = base + '-' + n;
      used.add(unique);
      return unique;
    });
  }

  // ---------------------------------------------------------------- links to a section (anchors.rs)
  function anchorErrors(links, target, reserved) {
    var out = [];
    links.forEach(function (l) {
      var page = target(l.slug);
      if (!page) return;
      var ids = page.slice(1);
      if (ids.indexOf(l.anchor) >= 0 || reserved.indexOf(l.anchor) >= 0) return;
      var hint = ids.length === 0 ? 'that page has no sections; link to the page itself'
        : ids.length > 15 ? 'that page has ' + ids.length + ' anchors, e.g. ' + ids.slice(0, 5).join(', ')
          : 'anchors on that page: ' + ids.join(', ');
      var close = closest(l.anchor, ids);
      if (close !== null) hint = "did you mean '#" + close + "'? " + hint;
      out.push({ field: 'body', message: 'broken link ' + l.written + ': ' + page[0] + " has no section '" + l.anchor + "'", hint: hint });
    });
    return out;
  }

  // ---------------------------------------------------------------- the body
  /**
   * Diagnostics of a new document's body, in check's order: forbidden
   * characters, then links, images and raw HTML in text order, then links to
   * a missing section. `own` is the document: {slug, title, page}, where
   * `page` says whether it is a page (its front matter has no errors), so
   * links to its own sections are checked.
   */
  function bodyErrors(body, index, folder, own) {
    var src = rules.blank(body);
    var scan = withoutCode(src);
    var found = [];
    var links = [];
    var bases = [];
    var add = function (at, message, hint) { found.push({ at: at, seq: found.length, message: message, hint: hint === undefined ? null : hint }); };
    var lineOf = function (at) { return src.slice(0, at).split('\n').length; };
    // Raw HTML: HTML blocks (one diagnostic per line) and inline tags; comments are allowed.
    var lines = scan.split('\n');
    var offset = 0;
    var inBlock = false;
    var lastHtmlLine = 0;
    var para = [];
    var htmlAt = function (at, textOf) {
      var ln = lineOf(at);
      if (ln === lastHtmlLine) return;
      lastHtmlLine = ln;
      add(at, 'raw HTML is not allowed: ' + Array.from(trim(textOf)).slice(0, 40).join(''),
        'write it in Markdown; Kennisbank does not pass HTML through, so no script can be injected');
    };
    var linkTo = function (at, r, written) {
      if (r.document !== undefined && r.anchor !== null) links.push({ at: at, slug: r.document, anchor: r.anchor, written: written });
    };
    // Link and footnote definitions, which make `[text][label]` and `[^n]` what they are.
    var ctx = { index: index, folder: folder, defs: new Set() };
    lines.reduce(function (prev, l) {
      var def = /^ {0,3}\[([^\]]+)\]:/.exec(l);
      if (def && trim(prev) === '') ctx.defs.add(label(def[1]));
      return def ? '' : l;
    }, '');
    var prevBlank = true;
    lines.forEach(function (l) {
      var blank = trim(l) === '';
      var text = src.slice(offset, offset + l.length);
      if (inBlock && blank) inBlock = false;
      var start = /^ {0,3}</.exec(l) ? l.indexOf('<') : -1;
      if (!inBlock && start >= 0 && !l.slice(start).startsWith('<!--')) {
        var name = /^<\/?([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)/.exec(l.slice(start));
        var tag = TAG.exec(l.slice(start));
        var blockTag = name && BLOCK_TAGS.indexOf(name[1].toLowerCase()) >= 0;
        var alone = tag && trim(l.slice(start + tag[0].length)) === '' && prevBlank && !AUTOLINK.test(l.slice(start));
        if (blockTag || alone) inBlock = true;
      }
      // Headings: ATX on their own line (or a container's), setext under a paragraph.
      var inner = CONTAINER.exec(l)[0].length;
      var atx = inBlock ? null : ATX.exec(l.slice(inner));
      var setext = /^ {0,3}(=+|-+)[ \t]*$/.exec(l);
      if (atx) {
        bases.push(headingBase(text.slice(inner + atx[0].length).replace(/^[ \t]+/, ''), true, ctx));
        para = [];
      } else if (setext && para.length && !inBlock) {
        bases.push(headingBase(para.join('\n'), false, ctx));
        para = [];
      } else if (blank || inBlock || inner > 0 || /^ {0,3}([-*_])[ \t]*(\1[ \t]*){2,}$/.test(l)) {
        para = [];
      } else if (para.length || !/^( {4}|\t)/.test(l)) {
        para.push(text.replace(/^[ \t]+/, ''));
      }
      if (inBlock) {
        if (!blank) htmlAt(offset, text);
      } else {
        var re = /<!--[\s\S]*?-->|<[^<>\n]*>|\[\[([^\[\]\n]+)\]\]|(!?)\[([^\[\]\n]*)\]\(\s*(<[^<>\n]*>|[^\s()]+)(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g;
        var m;
        while ((m = re.exec(l))) {
          var at = offset + m.index;
          if (m.index > 0 && l[m.index - 1] === '\\') continue;
          var t = m[0];
          if (t.startsWith('<!--')) continue;
          if (t[0] === '<') {
            if (AUTOLINK.test(t)) {
              // An e-mail autolink's destination is the bare address, which
              // check resolves as a path (there is no `mailto:` in front).
              var mail = t.slice(1, -1);
              if (!/^[A-Za-z][A-Za-z0-9+.-]{1,31}:/.test(mail)) {
                var e = resolve(mail, false, index, folder);
                if (e.error) add(at, e.error[0], e.error[1]);
              }
            } else if (TAG.test(t)) htmlAt(at, t);
            continue;
          }
          if (m[1] !== undefined) {
            var pipe = m[1].indexOf('|');
            var wiki = pipe >= 0 ? m[1].slice(0, pipe) : m[1];
            if (wiki === '') continue;
            var r = resolve(wiki, true, index, folder);
            if (r.error) add(at, r.error[0], r.error[1]);
            else linkTo(at, r, '[[' + wiki + ']]');
            continue;
          }
          var dest = m[4].startsWith('<') ? m[4].slice(1, -1) : m[4];
          dest = dest.replace(/\\([!-/:-@[-`{-~])/g, '$1');
          var res = resolve(dest, false, index, folder);
          if (m[2] === '!') {
            if (res.external) add(at, 'image from another host: ' + dest, 'put the image in content/ so the site makes no request to another host');
            else if (res.document) add(at, 'an image cannot point to a document');
            else if (res.error) add(at, res.error[0], res.error[1]);
            if (trim(m[3]) === '') add(at, 'image without alt text', 'describe the image: ![beschrijving](pad.png)');
          } else if (res.error) add(at, res.error[0], res.error[1]);
          else if (res.external && dest[0] === '#') linkTo(at, { document: own.slug, anchor: dest.slice(1) }, "'" + dest + "'");
          else linkTo(at, res, "'" + dest + "'");
        }
      }
      prevBlank = blank;
      offset += l.length + 1;
    });
    found.sort(function (a, b) { return a.at - b.at || a.seq - b.seq; });
    var ownPage = [own.title].concat(uniqueIds(bases, index.reserved));
    var target = function (slug) {
      if (own.page && slug === own.slug) return ownPage;
      return index.pages.get(slug) || null;
    };
    return controlErrors(body).concat(found.map(function (f) {
      return { field: 'body', message: f.message, hint: f.hint };
    }), anchorErrors(links, target, index.reserved));
  }

  var api = { bodyErrors: bodyErrors };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.KennisbankContributeBody = api;
  }
})(typeof self !== 'undefined' ? self : this);

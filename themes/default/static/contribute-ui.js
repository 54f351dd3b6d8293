/*
 * The contribution pages (bijdragen/KIND.html): checks the form with the
 * exported schema when it is sent (contribute.js), shows every problem in an
 * error summary that links to its field and next to the field itself, and
 * otherwise offers the finished file as a download, as text to copy and, with
 * a forge configured, as a link to the forge's "new file" page. For the
 * compared kind it can fill the form from the subject's previous document.
 * Nothing is sent anywhere; the page works from file:// too.
 */
(function () {
  'use strict';
  var kb = window.KennisbankContribute;
  var page = document.getElementById('kb-bijdragen');
  var form = document.getElementById('kb-bijdrage');
  if (!kb || !page || !form) return;
  var schema = kb.loaded.schema;
  if (!schema || schema.version !== kb.FORMAT_VERSION) return;
  var kindName = form.getAttribute('data-kind');
  var kind = schema.kinds[kindName];
  if (!kind) return;
  page.hidden = false;

  var summary = form.querySelector('.kb-foutoverzicht');
  var result = document.getElementById('kb-resultaat');
  var title = document.title;
  var slugInput = form.elements.namedItem('slug');
  var titleInput = form.elements.namedItem('title');

  function pairs() {
    var out = [];
    new FormData(form).forEach(function (value, name) { out.push([name, String(value)]); });
    return out;
  }

  function wrapper(name) {
    return form.querySelector('[data-field="' + CSS.escape(name) + '"]');
  }

  function firstInput(w) {
    return w.querySelector('input, select, textarea');
  }

  // The slug follows the title until the person types one of their own.
  var slugTouched = false;
  if (slugInput && titleInput) {
    slugInput.addEventListener('input', function () { slugTouched = slugInput.value !== ''; });
    titleInput.addEventListener('input', function () {
      if (!slugTouched) slugInput.value = kb.suggestSlug(titleInput.value);
    });
  }

  // "Onbekend" and a value exclude each other: choosing one clears the other.
  form.addEventListener('change', function (e) {
    var input = e.target;
    var w = input.closest('[data-field]');
    if (!w) return;
    var unknown = w.querySelector('input[type=checkbox][value="' + CSS.escape(schema.unknown) + '"]');
    if (!unknown || unknown.name !== w.getAttribute('data-field')) return;
    if (input === unknown && unknown.checked) {
      w.querySelectorAll('input, textarea, select').forEach(function (other) {
        if (other === unknown) return;
        if (other.type === 'checkbox' || other.type === 'radio') other.checked = false;
        else other.value = '';
      });
    } else if (input !== unknown && (input.checked || (input.type !== 'checkbox' && input.value !== ''))) {
      unknown.checked = false;
    }
  });

  // ------------------------------------------------------------ errors
  function clearErrors() {
    form.querySelectorAll('.kb-fout[data-made]').forEach(function (el) { el.remove(); });
    form.querySelectorAll('[data-field]').forEach(function (w) {
      w.classList.remove('kb-veld-fout');
      var described = describedElement(w);
      var errorId = w.getAttribute('data-error-id');
      var ids = (described.getAttribute('aria-describedby') || '').split(' ').filter(function (id) { return id && id !== errorId; });
      if (ids.length) described.setAttribute('aria-describedby', ids.join(' '));
      else described.removeAttribute('aria-describedby');
      described.removeAttribute('aria-invalid');
    });
    summary.hidden = true;
    summary.querySelector('ul').textContent = '';
    document.title = title;
  }

  function describedElement(w) {
    return w.tagName === 'FIELDSET' ? w : firstInput(w);
  }

  function showErrors(errors) {
    var list = summary.querySelector('ul');
    var byField = {};
    errors.forEach(function (e) { (byField[e.field] = byField[e.field] || []).push(e); });
    Object.keys(byField).forEach(function (name) {
      var w = wrapper(name);
      if (!w) return;
      var box = document.createElement('div');
      box.className = 'kb-fout';
      box.id = w.getAttribute('data-error-id');
      box.setAttribute('data-made', '');
      byField[name].forEach(function (e) {
        var p = document.createElement('p');
        var lead = document.createElement('span');
        lead.className = 'visually-hidden';
        lead.textContent = 'Fout: ';
        p.append(lead, e.message);
        if (e.hint) {
          var hint = document.createElement('span');
          hint.className = 'kb-fout-hint';
          hint.textContent = e.hint;
          p.append(document.createElement('br'), hint);
        }
        box.append(p);
      });
      var hintBox = w.querySelector(':scope > .kb-hint');
      var label = w.querySelector(':scope > label, :scope > legend');
      (hintBox || label).after(box);
      w.classList.add('kb-veld-fout');
      var described = describedElement(w);
      var ids = (described.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      ids.push(box.id);
      described.setAttribute('aria-describedby', ids.join(' '));
      if (w.tagName !== 'FIELDSET') described.setAttribute('aria-invalid', 'true');
    });
    errors.forEach(function (e) {
      var li = document.createElement('li');
      var w = wrapper(e.field);
      var text = (w ? w.getAttribute('data-label') : e.field) + ': ' + e.message;
      if (w) {
        var a = document.createElement('a');
        a.href = '#' + firstInput(w).id;
        a.textContent = text;
        a.addEventListener('click', function (ev) {
          ev.preventDefault();
          var target = firstInput(w);
          (w.querySelector(':scope > legend, :scope > label') || target).scrollIntoView();
          target.focus({ preventScroll: true });
        });
        li.append(a);
      } else {
        li.textContent = text;
      }
      list.append(li);
    });
    summary.hidden = false;
    document.title = 'Fout: ' + title;
    summary.scrollIntoView();
    summary.focus({ preventScroll: true });
  }

  // ------------------------------------------------------------ the file
  var blobUrl = null;
  function showFile(sub) {
    var text = kb.documentText(sub);
    var filename = sub.slug + '.md';
    document.getElementById('kb-bestandsnaam').textContent = filename;
    document.getElementById('kb-bestand').value = text;
    var download = document.getElementById('kb-download');
    if (blobUrl) URL.revokeObjectURL(blobUrl);
    blobUrl = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
    download.href = blobUrl;
    download.setAttribute('download', filename);
    var forge = document.getElementById('kb-forge');
    var url = kb.newFileUrl(schema, kind.folder, filename, text);
    if (forge && url) forge.href = url;
    document.getElementById('kb-kopieer-status').textContent = '';
    result.hidden = false;
    result.scrollIntoView();
    result.focus({ preventScroll: true });
  }

  document.getElementById('kb-kopieer').addEventListener('click', function () {
    var area = document.getElementById('kb-bestand');
    var status = document.getElementById('kb-kopieer-status');
    var done = function () { status.textContent = 'De tekst staat op het klembord.'; };
    var fallback = function () {
      area.focus();
      area.select();
      var ok = false;
      try {
        ok = document.execCommand('copy');
      } catch (err) {
        ok = false;
      }
      status.textContent = ok ? 'De tekst staat op het klembord.' : 'Kopiëren lukte niet. Selecteer de tekst en kopieer hem zelf (Ctrl+C).';
    };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(area.value).then(done, fallback);
    else fallback();
  });

  form.addEventListener('input', function () { result.hidden = true; });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearErrors();
    var sub = kb.toSubmission(schema, kindName, pairs(), true);
    var errors = kb.validateNew(schema, kindName, sub);
    if (errors.length) {
      result.hidden = true;
      showErrors(errors);
    } else {
      showFile(sub);
    }
  });

  // ------------------------------------------------------------ the previous document
  var previousBox = form.querySelector('[data-continuation]');
  if (previousBox && schema.previous && schema.compare) {
    previousBox.hidden = false;
    var status = document.getElementById('kb-vorige-status');
    document.getElementById('kb-vorige-knop').addEventListener('click', function () {
      var now = pairs();
      var get = function (name) {
        var p = now.find(function (x) { return x[0] === name; });
        return p ? p[1].trim() : '';
      };
      var subject = get(schema.compare.subject);
      var round = get(schema.compare.round);
      var subjectLabel = wrapper(schema.compare.subject).getAttribute('data-label').toLowerCase();
      var roundLabel = wrapper(schema.compare.round).getAttribute('data-label').toLowerCase();
      if (!subject || !/^[0-9]+$/.test(round)) {
        status.textContent = 'Kies eerst de ' + subjectLabel + ' en vul de ' + roundLabel + ' in (een jaartal).';
        return;
      }
      status.textContent = 'Bezig met laden…';
      var base = page.getAttribute('data-base');
      kb.load('vorige', base + schema.previous).then(function (previous) {
        var found = kb.continuation(schema, previous, subject, BigInt(round));
        if (!found) {
          status.textContent = 'Er is geen eerdere ' + kind.label.toLowerCase() + ' van deze ' + subjectLabel + ' van vóór ' + round + '. Vul het formulier zelf in.';
          return;
        }
        fill(found.pairs);
        slugTouched = true;
        result.hidden = true;
        status.textContent = 'Overgenomen uit ' + found.from + '. Pas aan wat sinds toen veranderd is.';
      }, function () {
        status.textContent = 'De vorige ' + kind.label.toLowerCase() + ' kon niet worden geladen.';
      });
    });
  }

  /** Puts pairs into the form: text in text controls, choices checked. */
  function fill(list) {
    var values = {};
    list.forEach(function (p) { (values[p[0]] = values[p[0]] || []).push(p[1]); });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name.charAt(0) === '_' || el.type === 'submit' || el.type === 'button') return;
      var given = values[el.name] || [];
      if (el.type === 'checkbox' || el.type === 'radio') el.checked = given.indexOf(el.value) >= 0;
      else if (el.tagName === 'SELECT') el.value = given.length ? given[0] : '';
      else el.value = given.filter(function (v) { return v !== schema.unknown || !wrapper(el.name) || !wrapper(el.name).querySelector('input[type=checkbox][value="' + CSS.escape(schema.unknown) + '"]'); }).join('\n');
    });
  }
})();

  // ---------------------------------------------------------------- verb forms
  // Mirrors verbs.rs `verb_forms` exactly: a verb's other forms for a query
  // word the site writes in none of its variants (queries only).
  var IRREGULAR = [
    ['gaan', 'ga', 'gaat', 'ging', 'gingen', 'gegaan'],
    ['komen', 'kom', 'komt', 'kwam', 'kwamen', 'gekomen'],
    ['staan', 'sta', 'staat', 'stond', 'stonden', 'gestaan'],
    ['zien', 'zie', 'ziet', 'zag', 'zagen', 'gezien'],
    ['nemen', 'neem', 'neemt', 'nam', 'namen', 'genomen'],
    ['geven', 'geef', 'geeft', 'gaf', 'gaven', 'gegeven'],
    ['krijgen', 'krijg', 'krijgt', 'kreeg', 'kregen', 'gekregen'],
    ['blijven', 'blijf', 'blijft', 'bleef', 'bleven', 'gebleven'],
    ['houden', 'houd', 'houdt', 'hield', 'hielden', 'gehouden'],
    ['denken', 'denk', 'denkt', 'dacht', 'dachten', 'gedacht'],
    ['brengen', 'breng', 'brengt', 'bracht', 'brachten', 'gebracht'],
    ['zoeken', 'zoek', 'zoekt', 'zocht', 'zochten', 'gezocht'],
    ['kopen', 'koop', 'koopt', 'kocht', 'kochten', 'gekocht'],
    ['vinden', 'vind', 'vindt', 'vond', 'vonden', 'gevonden'],
    ['spreken', 'spreek', 'spreekt', 'sprak', 'spraken', 'gesproken'],
    ['schrijven', 'schrijf', 'schrijft', 'schreef', 'schreven', 'geschreven'],
    ['lezen', 'lees', 'leest', 'las', 'lazen', 'gelezen'],
    ['stijgen', 'stijg', 'stijgt', 'steeg', 'stegen', 'gestegen'],
    ['liggen', 'lig', 'ligt', 'lag', 'lagen', 'gelegen'],
    ['zitten', 'zit', 'zat', 'zaten', 'gezeten'],
    ['beginnen', 'begin', 'begint', 'begon', 'begonnen'],
    ['helpen', 'help', 'helpt', 'hielp', 'hielpen', 'geholpen'],
    ['weten', 'weet', 'wist', 'wisten', 'geweten'],
    ['zeggen', 'zeg', 'zegt', 'zei', 'zeiden', 'gezegd'],
    ['vragen', 'vraag', 'vraagt', 'vroeg', 'vroegen', 'gevraagd'],
    ['mogen', 'mag', 'mocht', 'mochten'],
    ['lopen', 'loop', 'loopt', 'liep', 'liepen', 'gelopen'],
    ['dragen', 'draag', 'draagt', 'droeg', 'droegen', 'gedragen'],
    ['slaan', 'sla', 'slaat', 'sloeg', 'sloegen', 'geslagen'],
    ['sluiten', 'sluit', 'sloot', 'sloten', 'gesloten'],
    ['kiezen', 'kies', 'kiest', 'koos', 'kozen', 'gekozen'],
    ['bieden', 'bied', 'biedt', 'bood', 'boden', 'geboden'],
    ['trekken', 'trek', 'trekt', 'trok', 'trokken', 'getrokken'],
    ['blijken', 'blijk', 'blijkt', 'bleek', 'bleken', 'gebleken'],
    ['laten', 'laat', 'liet', 'lieten', 'gelaten'],
    ['vallen', 'val', 'valt', 'viel', 'vielen', 'gevallen']
  ];
  var VERB_PREFIXES = ['be', 'ver', 'ont', 'her', 'langs'];
  var TENSES = ['t', 'de', 'te', 'den', 'ten'];
  function verbForms(word) {
    var out = [];
    if (Array.from(word).length < 4) return out;
    var push = function (s) {
      if (s !== word && Array.from(s).length >= 3 && out.indexOf(s) < 0) out.push(s);
    };
    [''].concat(PARTICLES, VERB_PREFIXES).forEach(function (prefix) {
      if (word.lastIndexOf(prefix, 0) !== 0) return;
      var rest = word.slice(prefix.length);
      IRREGULAR.forEach(function (verb) {
        if (verb.indexOf(rest) < 0) return;
        verb.forEach(function (form) { push(prefix + form); });
      });
    });
    var stems = [];
    TENSES.forEach(function (ending) {
      if (word.length >= ending.length && word.slice(-ending.length) === ending) stems.push(word.slice(0, -ending.length));
    });
    if (word.slice(-2) === 'en') stems = stems.concat(singulars(Array.from(word.slice(0, -2))));
    stems = stems.filter(function (stem) { return Array.from(stem).length >= 3 && !isVowel(stem.slice(-1)); });
    stems.forEach(function (stem) {
      plurals(Array.from(stem)).forEach(function (form) { if (form.slice(-2) === 'en') push(form); });
      push(stem);
      TENSES.forEach(function (ending) { push(stem + ending); });
      push(stem + 'd');
      var particle = '';
      for (var i = 0; i < PARTICLES.length; i++) {
        var p = PARTICLES[i];
        if (stem.lastIndexOf(p, 0) === 0 && Array.from(stem.slice(p.length)).length >= 3) { particle = p; break; }
      }
      var rest = stem.slice(particle.length);
      push(particle + 'ge' + rest + 'd');
      push(particle + 'ge' + rest + 't');
      push(stem + 'ing');
    });
    [''].concat(PARTICLES).forEach(function (particle) {
      if (word.lastIndexOf(particle + 'ge', 0) !== 0) return;
      var rest = word.slice(particle.length + 2);
      if (rest.slice(-2) === 'en' && Array.from(rest).length >= 5) push(particle + rest);
    });
    return out;
  }

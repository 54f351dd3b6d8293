// Runs the theme's contribution validator (static/contribute.js) under Node
// on the test vectors, with the schema a build exported.
// Usage: node validator.js PUBLIC/bijdragen/schema-HASH.js < vectors.json
// Prints one JSON array with, per vector, {slug, file, errors}.
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const kb = require(path.join(__dirname, '../../themes/default/static/contribute.js'));

let schema;
vm.runInNewContext(fs.readFileSync(process.argv[2], 'utf8'), {
  kennisbankContribute: (name, data) => { schema = data; },
});
if (schema.version !== kb.FORMAT_VERSION) {
  throw new Error(`the build exports schema format ${schema.version}, contribute.js reads ${kb.FORMAT_VERSION}`);
}
const { vectors } = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = vectors.map((v) => {
  const sub = kb.toSubmission(schema, v.kind, v.pairs, true);
  return { slug: sub.slug, file: kb.documentText(sub), errors: kb.validateNew(schema, v.kind, sub) };
});
process.stdout.write(JSON.stringify(out));

// compromise.js: runs compromise (people, places, organizations, quotations) over a JSON Lines file and prints its throughput as JSON.
'use strict';
const fs = require('fs');
const nlp = require('compromise');

const path = process.argv[2];
const lines = fs.readFileSync(path, 'utf8').split('\n').filter((l) => l.trim());
const texts = lines.map((l) => JSON.parse(l).text);
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
const found = { people: 0, places: 0, organizations: 0, quotations: 0 };
const start = process.hrtime.bigint();
for (const text of texts) {
  const doc = nlp(text);
  found.people += doc.people().out('array').length;
  found.places += doc.places().out('array').length;
  found.organizations += doc.organizations().out('array').length;
  found.quotations += doc.quotations().out('array').length;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ articles: texts.length, bytes, seconds, found }));

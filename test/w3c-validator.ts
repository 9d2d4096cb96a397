import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

// Runs the W3C Web Annotation test suite's MUST assertions (JSON Schema
// draft-04, copied into test/fixtures from w3c/web-annotation-tests) the way
// its harness does: every assertion schema must validate the document.
const ROOT = path.join(__dirname, 'fixtures/w3c-web-annotation-schemas');

function makeAjv() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of fs.readdirSync(path.join(ROOT, 'definitions'))) {
    ajv.addSchema(JSON.parse(fs.readFileSync(path.join(ROOT, 'definitions', file), 'utf8')));
  }
  return ajv;
}

type Suite = 'annotations/annotationMusts.test' | 'collections/collectionMusts.test' | 'collections/pages/pageMusts.test';

export function mustValidator(suite: Suite) {
  const ajv = makeAjv();
  const { assertions } = JSON.parse(fs.readFileSync(path.join(ROOT, suite), 'utf8')) as { assertions: string[] };
  const checks = assertions.map((rel) => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'));
    return { rel, message: schema.errorMessage as string, expected: schema.expectedResult as string, validate: ajv.compile(schema) };
  });
  /** The failed assertions (empty when the document passes every MUST). */
  return (doc: unknown): string[] =>
    checks.filter((c) => (c.validate(doc) ? 'valid' : 'invalid') !== c.expected).map((c) => `${c.rel}: ${c.message}`);
}

// role.schema.json + common.schema.json as one self-contained JSON Schema, for yaml-language-server.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function writeBundledRoleSchema(dir) {
  const role = structuredClone(require('../schemas/role.schema.json'));
  const common = structuredClone(require('../schemas/common.schema.json'));
  const rewrite = (node) => {
    if (Array.isArray(node)) return node.forEach(rewrite);
    if (!node || typeof node !== 'object') return;
    if (typeof node.$ref === 'string') node.$ref = node.$ref.replace(/^common\.schema\.json#/, '#');
    for (const value of Object.values(node)) rewrite(value);
  };
  rewrite(role);
  rewrite(common);
  delete role.$id;
  role.definitions = { ...(role.definitions ?? {}), ...common.definitions };
  const file = path.join(dir, 'role.bundled.schema.json');
  fs.writeFileSync(file, JSON.stringify(role, null, 2));
  return file;
}

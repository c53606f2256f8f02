import { parseDocument } from 'yaml';
const o={version:'1.2',schema:'core',uniqueKeys:true,prettyErrors:false,logLevel:'error'};
const show=(s)=>{const d=parseDocument(s,o);const m=d.contents;const seq=m.items?m.items[0].value:m;console.log(JSON.stringify(s),'doc',d.range,'map',m.range,'seq',seq.range,'items',seq.items.map(i=>i.range));};
show('k:\n  - a: 1\n    b: 2\n\n  - c\n  - d: 1\n# x\n');
show('k:\n  - a: 1\n    b: 2\n\n');
show('  - c\n');
show('  - d: 1\n# x\n');

import { parse, Parser, Lexer } from 'yaml';
import jsyaml from 'js-yaml';
import { readFileSync } from 'node:fs';
const fm = readFileSync('/tmp/fm.yaml','utf8');
const N=20000;
function bench(name, f){ for(let i=0;i<2000;i++) f(fm); let t=performance.now(); for (let i=0;i<N;i++) f(fm+`#${i}\n`); console.log(name, ((performance.now()-t)/N*1000).toFixed(1),'us'); }
bench('yaml.parse', s=>parse(s,{uniqueKeys:true}));
bench('yaml lexer only', s=>{ for (const t of new Lexer().lex(s)); });
bench('yaml parser(cst) only', s=>{ for (const t of new Parser().parse(s)); });
bench('js-yaml core', s=>jsyaml.load(s,{schema:jsyaml.CORE_SCHEMA}));
bench('JSON', s=>JSON.parse(JSON.stringify({a:s})));

import {unified} from 'unified'; import remarkParse from 'remark-parse'; import remarkMath from 'remark-math';
const md = process.argv[2].replace(/\\n/g,'\n');
const t = unified().use(remarkParse).use(remarkMath).parse(md);
const show=(n)=>n.type+(n.value!==undefined?'='+JSON.stringify(n.value):'')+(n.children?'['+n.children.map(show).join(', ')+']':'');
console.log(show(t));

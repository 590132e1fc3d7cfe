import { measureBundles } from './bundles';

/** `npm run bench:bundles`: only the bundles' sizes and init, as a table (the full bench takes minutes). */
const bundles = await measureBundles();
console.table(bundles);

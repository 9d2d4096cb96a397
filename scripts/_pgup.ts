import { startEmbeddedPostgres } from '/work/main/scripts/embedded-postgres';
async function main(){ const s = await startEmbeddedPostgres('/work/main/.data/scratch', 55432); console.log(await s.createDatabase('scratch', {dropFirst:true})); }
main();

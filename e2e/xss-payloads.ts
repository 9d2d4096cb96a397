// Hostile strings for stored-XSS tests: each one, if it ever ran, would call
// alert() or set window.__xss. Built from vectors × wrappers to go past 100.
const actions = ['alert(1)', 'window.__xss=1', 'confirm(1)', 'prompt(1)'];
const vectors = (a: string) => [
  `<script>${a}</script>`,
  `<img src=x onerror="${a}">`,
  `<svg onload=${a}>`,
  `<svg><script>${a}</script></svg>`,
  `<iframe srcdoc="<script>parent.${a}</script>"></iframe>`,
  `<a href="javascript:${a}">click</a>`,
  `"><script>${a}</script>`,
  `'><img src=x onerror=${a}>`,
  `<body onload=${a}>`,
  `<details open ontoggle=${a}>`,
  `<input autofocus onfocus=${a}>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${a}>`,
  `<object data="javascript:${a}">`,
  `<embed src="javascript:${a}">`,
  `<video><source onerror="${a}">`,
  `<marquee onstart=${a}>`,
  `<div style="background:url(javascript:${a})">`,
  `<scr<script>ipt>${a}</scr</script>ipt>`,
  `<<script>${a}//<</script>`,
  `<img src="x" onerror="${a}"`,
  `javascript:${a}`,
  `&lt;script&gt;${a}&lt;/script&gt;`,
  `<form><button formaction=javascript:${a}>x</button></form>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${a}">`,
  `<template><script>${a}</script></template><noscript><p title="</noscript><img src=x onerror=${a}>">`,
  `{{constructor.constructor('${a}')()}}`,
];
export const XSS_PAYLOADS: string[] = actions.flatMap(vectors);

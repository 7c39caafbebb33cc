// Records shop.har: headless Chromium (Debian's /usr/bin/chromium) driven through the DevTools protocol by
// playwright-core, browsing the sample shop on 127.0.0.1 the way its front end would: list a page of products, open
// one, add it to a cart with a bearer token and a session cookie, read the cart back, and ask for a page that does
// not exist. A stylesheet of the shop and a script from a third-party CDN are answered by routes (no internet here),
// so the recording also holds what `loadops import har` must drop.
// Usage: node record-har.mjs BASE_URL OUT.har   (record-har.sh installs playwright-core in a temporary folder)
import { chromium } from 'playwright-core';

const [base, out] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
const context = await browser.newContext({ recordHar: { path: out, content: 'embed' } });
await context.addCookies([{ name: 'shop_session', value: 'recorded-session-7f3a9c', url: base }]);
await context.route('https://cdn.example.test/**', route =>
  route.fulfill({ status: 200, contentType: 'application/javascript', body: 'window.cdnLoaded = true;' }));
await context.route(`${base}/static/**`, route =>
  route.fulfill({ status: 200, contentType: 'text/css', body: 'body { font-family: sans-serif; }' }));

const page = await context.newPage();
await page.goto(`${base}/health`);
await page.evaluate(async () => {
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = '/static/shop.css';
  document.head.append(css);
  const script = document.createElement('script');
  script.src = 'https://cdn.example.test/lib/analytics.js';
  document.head.append(script);
  await new Promise(resolve => { script.onload = resolve; script.onerror = resolve; });

  const headers = { Authorization: 'Bearer recorded-token-5b1e0d2a' };
  const list = await (await fetch('/api/products?page=20', { headers })).json();
  const product = await (await fetch(`/api/products/${list.items[2].id}`, { headers })).json();
  const cart = await (await fetch('/api/cart', {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ sku: `P${product.id}`, qty: 2 }),
  })).json();
  await fetch(`/api/cart/${cart.cartId}`, { headers });
  await fetch('/api/products?page=0', { headers });
});
await context.close();
await browser.close();

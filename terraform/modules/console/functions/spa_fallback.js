// CloudFront Function (cloudfront-js-2.0), viewer request of the web behaviour only; /api/*
// never reaches it. A request for a static file of the build (its last path segment ends in one
// of these extensions) keeps its path; anything else is a client-side route of the single-page
// application (/, /projects/web-shop-k3f9xq2m/apps/com.example.shop) and is answered with
// /index.html, which loads the router. Route segments may contain dots (app ids often do), so the
// test is the extension, not the dot.
var STATIC_FILE = /\.(?:avif|css|eot|gif|html|ico|jpe?g|js|json|map|mjs|otf|pdf|png|svg|ttf|txt|wasm|webmanifest|webp|woff2?|xml)$/i;

function handler(event) {
  var request = event.request;
  if (!STATIC_FILE.test(request.uri)) {
    request.uri = '/index.html';
  }
  return request;
}

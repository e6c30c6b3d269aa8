// Not part of swagger-ui-dist: starts it on the API's page from a file of our own origin,
// since the Content-Security-Policy allows no inline script.
window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: root.getAttribute("data-openapi"),
    domNode: root,
    deepLinking: true,
    tryItOutEnabled: false,
    // Validation by a third-party server would send the document elsewhere.
    validatorUrl: null,
  });
});

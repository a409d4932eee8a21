// Search-first proposing: show matching ideas while the citizen types, and
// warn before anything that looks like personal data goes into a public issue.
(function () {
  "use strict";
  var box = document.getElementById("portal-propose");
  if (!box) return;
  var list = document.getElementById("portal-matches");
  var warning = document.getElementById("portal-pii");
  var submit = document.getElementById("portal-submit");
  var base = submit ? submit.getAttribute("href") : null;
  var ideas = [];
  var pagesRoot = box.getAttribute("data-index").replace(/data\/ideas\.json$/, "");
  var personal = [
    /[^\s@]+@[^\s@]+\.[a-z]{2,}/i,                      // e-mail address
    /\+?\d[\d \-]{6,}\d/,                                // phone-like digit run
    /\b\d{6}[-+ ]?\d{4}\b/,                              // CPR, personnummer
    /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,}/               // IBAN
  ];
  function words(text) {
    return text.toLowerCase().split(/[^0-9a-zæøåäöüßéè]+/).filter(function (w) { return w.length > 2; });
  }
  function show() {
    var text = box.value;
    warning.hidden = !personal.some(function (re) { return re.test(text); });
    var query = words(text);
    while (list.firstChild) list.removeChild(list.firstChild);
    if (base) submit.setAttribute("href", base + "&title=" + encodeURIComponent(text.split("\n")[0].slice(0, 120)));
    if (!query.length) return;
    var scored = ideas.map(function (idea) {
      var hay = words(idea.title + " " + (idea.summary || "") + " " + (idea.tags || []).join(" "));
      var score = query.filter(function (w) { return hay.some(function (h) { return h.indexOf(w) === 0; }); }).length;
      return [score, idea];
    }).filter(function (pair) { return pair[0] > 0; });
    scored.sort(function (a, b) { return b[0] - a[0] || b[1].support - a[1].support; });
    scored.slice(0, 8).forEach(function (pair) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = pagesRoot + "ideas/" + pair[1].id + "/";
      link.textContent = pair[1].id + ": " + pair[1].title;   // textContent: titles are never parsed as HTML
      item.appendChild(link);
      var status = document.createElement("span");
      status.textContent = " · " + pair[1].status_label_en;
      item.appendChild(status);
      list.appendChild(item);
    });
  }
  fetch(box.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (data) {
    ideas = data; show();
  });
  box.addEventListener("input", show);
})();

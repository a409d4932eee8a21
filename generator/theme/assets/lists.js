/*
 * Lists of ideas: the filter form, with JavaScript.
 *
 * Without JavaScript the form stays hidden and the lists are links to the
 * pre-rendered pages (per status, category, department; three orders).
 * With it, the list of all ideas is filtered and sorted in place, and the
 * choice is kept in the query string (?status=new&department=roads), so a
 * filtered view can be shared. On the other lists the form leads there.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-portal-filter]");
  if (!form) {
    return;
  }
  var FIELDS = ["words", "status", "category", "department", "kind", "sort"];
  var list = document.getElementById("portal-list");
  var shown = form.querySelector(".portal-shown");
  var inPlace = form.getAttribute("data-all") === "true";
  var pageOrder = form.getAttribute("data-order") || "support";
  var params = new URLSearchParams(window.location.search);

  form.hidden = false;
  FIELDS.forEach(function (name) {
    var value = params.get(name);
    if (value !== null && form.elements[name]) {
      form.elements[name].value = value;
    }
  });
  if (!params.get("sort")) {
    form.elements.sort.value = pageOrder;
  }
  // On a phone the form would fill the screen before the first idea: it starts folded, unless a filter is set.
  var toggle = form.querySelector(".portal-filter__toggle");
  var fields = document.getElementById("portal-filter-fields");
  function fold(open) {
    fields.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
  }
  var filtered = FIELDS.some(function (name) { return name !== "sort" && params.get(name); });
  fold(filtered || !window.matchMedia("(max-width: 44.984375em)").matches);
  toggle.addEventListener("click", function () { fold(fields.hidden); });
  if (!inPlace) {
    return; // the form is submitted to the list of all ideas, which reads the query string
  }
  var cards = list ? Array.prototype.slice.call(list.children) : [];

  function number(card, name) {
    var value = card.getAttribute("data-" + name);
    return value === "" || value === null ? null : Number(value);
  }

  var ORDERS = {
    support: function (a, b) { return number(b, "support") - number(a, "support"); },
    date: function (a, b) {
      return a.getAttribute("data-submitted") < b.getAttribute("data-submitted") ? 1 : -1;
    },
    waiting: function (a, b) {
      var overdueA = a.getAttribute("data-overdue");
      var overdueB = b.getAttribute("data-overdue");
      if (!!overdueA !== !!overdueB) {
        return overdueA ? -1 : 1;
      }
      if (overdueA !== overdueB) {
        return overdueA < overdueB ? -1 : 1;
      }
      return number(b, "waiting") - number(a, "waiting");
    }
  };

  function matches(card, wanted, sort, words) {
    for (var name in wanted) {
      if (wanted[name] && card.getAttribute("data-" + name) !== wanted[name]) {
        return false;
      }
    }
    if (sort === "waiting" && number(card, "waiting") === null) {
      return false;
    }
    var text = card.textContent.toLowerCase();
    return words.every(function (word) { return text.indexOf(word) !== -1; });
  }

  function apply() {
    var wanted = {
      status: form.elements.status.value,
      category: form.elements.category.value,
      department: form.elements.department.value,
      kind: form.elements.kind.value
    };
    var sort = form.elements.sort.value;
    var words = form.elements.words.value.toLowerCase().split(/\s+/).filter(Boolean);
    var count = 0;
    cards.slice().sort(function (a, b) {
      return (ORDERS[sort] || ORDERS.support)(a, b) || (a.getAttribute("data-submitted") < b.getAttribute("data-submitted") ? 1 : -1);
    }).forEach(function (card) {
      var show = matches(card, wanted, sort, words);
      card.hidden = !show;
      count += show ? 1 : 0;
      list.appendChild(card);
    });
    shown.textContent = shown.getAttribute("data-template").replace("{n}", String(count));
    var query = new URLSearchParams();
    FIELDS.forEach(function (name) {
      var value = form.elements[name].value.trim();
      if (value && !(name === "sort" && value === pageOrder)) {
        query.set(name, value);
      }
    });
    var search = query.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
  }

  form.addEventListener("change", apply);
  form.elements.words.addEventListener("input", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply();
  });
  form.querySelector("[data-portal-clear]").addEventListener("click", function (event) {
    event.preventDefault();
    form.reset();
    form.elements.sort.value = pageOrder;
    apply();
  });
  apply();
})();

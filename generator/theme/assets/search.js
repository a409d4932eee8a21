/*
 * The header search box, answered by Pagefind (see theme/partials/search.html
 * and generator/search.py).
 *
 * - Nothing is downloaded until the box gets focus: then pagefind/pagefind.js
 *   is imported and asked to load its entry file (and those of the older
 *   shards a large portal's index has, data-shards); each query then fetches
 *   only the index chunks and result fragments it needs.
 * - Results use Material's own result markup, so they look like Material's.
 * - Result text is set with textContent. Pagefind's excerpt is HTML (text plus
 *   <mark>); it is parsed into an inert document and rebuilt node by node,
 *   keeping only <mark> elements and text.
 * - Keyboard handling copies Material's: "/", "s" or "f" focus the box,
 *   arrows move through the results, Enter opens one, Escape or Tab closes.
 */
(function () {
  "use strict";

  var box = document.querySelector("[data-portal-search]");
  var toggle = document.getElementById("__search");
  if (!box || !toggle) {
    return;
  }
  var form = box.querySelector("form");
  var input = form.querySelector("input[name=query]");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var scrollwrap = box.querySelector(".md-search__scrollwrap");
  var root = new URL((box.getAttribute("data-root") || ".").replace(/\/*$/, "/"), window.location.href);

  var PAGE_SIZE = 10;
  var DEBOUNCE_MS = 200;

  var loading = null; // Promise of the Pagefind module, once the box got focus
  var generation = 0; // bumps with every query, so a slow answer never replaces a newer one
  var results = []; // Pagefind results of the current query (data not yet loaded)
  var shown = 0; // how many of them are rendered
  var rendering = false;

  /* The box's words, from its data- attributes: Material's in the site language, and the portal's. */
  function text(name) {
    return box.getAttribute("data-" + name) || "";
  }

  function setToggle(value) {
    if (toggle.checked !== value) {
      toggle.checked = value;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function load() {
    if (loading === null) {
      loading = import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
        return Promise.resolve(pagefind.options({ excerptLength: 24 })).then(function () {
          return pagefind.init();
        }).then(function () {
          /* A large portal's index comes in shards by year: the older ones are merged into the newest. */
          return Promise.all(text("shards").split(" ").filter(Boolean).map(function (shard) {
            return pagefind.mergeIndex(new URL(shard, root).pathname);
          }));
        }).then(function () {
          return pagefind;
        });
      });
      loading.catch(function () {
        loading = null; // try again on the next focus
        meta.textContent = text("unavailable");
      });
    }
    return loading;
  }

  /* Pagefind's excerpt, as nodes: text and <mark> only, whatever it contains. */
  function excerptNodes(html) {
    var parsed = new DOMParser().parseFromString("<body>" + String(html) + "</body>", "text/html");
    var fragment = document.createDocumentFragment();
    parsed.body.childNodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        fragment.appendChild(mark);
      } else if (node.nodeType === Node.ELEMENT_NODE || node.nodeType === Node.TEXT_NODE) {
        fragment.appendChild(document.createTextNode(node.textContent));
      }
    });
    return fragment;
  }

  function element(name, className) {
    var node = document.createElement(name);
    if (className) {
      node.className = className;
    }
    return node;
  }

  function renderItem(data) {
    var item = element("li", "md-search-result__item");
    var link = element("a", "md-search-result__link");
    link.href = data.url;
    link.tabIndex = -1;
    var article = element("article", "md-search-result__article md-typeset");
    article.appendChild(element("div", "md-search-result__icon md-icon"));
    var title = element("h1");
    title.textContent = (data.meta && data.meta.title) || data.url;
    article.appendChild(title);
    if (data.excerpt) {
      var excerpt = element("p");
      excerpt.appendChild(excerptNodes(data.excerpt));
      article.appendChild(excerpt);
    }
    var tags = [];
    ["status", "category"].forEach(function (name) {
      ((data.filters && data.filters[name]) || []).forEach(function (value) {
        tags.push(value);
      });
    });
    if (tags.length) {
      var nav = element("nav", "md-tags");
      tags.forEach(function (value) {
        var tag = element("span", "md-tag");
        tag.textContent = value;
        nav.appendChild(tag);
      });
      article.appendChild(nav);
    }
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  /* Fetch and render the next page of results (their fragments). */
  function renderMore() {
    if (rendering || shown >= results.length) {
      return Promise.resolve();
    }
    rendering = true;
    var mine = generation;
    var page = results.slice(shown, shown + PAGE_SIZE);
    return Promise.all(page.map(function (result) { return result.data(); })).then(function (pages) {
      rendering = false;
      if (mine !== generation) {
        return;
      }
      pages.forEach(function (data) { list.appendChild(renderItem(data)); });
      shown += page.length;
      fillViewport();
    }, function () {
      rendering = false;
    });
  }

  function fillViewport() {
    if (shown < results.length && scrollwrap.scrollHeight - scrollwrap.scrollTop - scrollwrap.clientHeight < 200) {
      renderMore();
    }
  }

  function showCount(count, query) {
    if (count === 0) {
      meta.textContent = query ? text("none") : text("placeholder");
    } else if (count === 1) {
      meta.textContent = text("one");
    } else {
      meta.textContent = text("other").replace("#", String(count));
    }
  }

  function clear() {
    generation += 1;
    results = [];
    shown = 0;
    list.textContent = "";
    list.setAttribute("role", "presentation");
  }

  function search() {
    var query = input.value.trim();
    clear();
    if (!query) {
      showCount(0, "");
      return;
    }
    var mine = generation;
    load().then(function (pagefind) {
      return pagefind.debouncedSearch(query, {}, DEBOUNCE_MS);
    }).then(function (answer) {
      if (answer === null || mine !== generation) {
        return; // a newer query took over
      }
      results = answer.results;
      showCount(results.length, query);
      list.setAttribute("role", results.length ? "list" : "presentation");
      renderMore();
    }, function () {
      if (mine === generation) {
        meta.textContent = text("unavailable");
      }
    });
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a[href]"));
  }

  function isEditable(target) {
    return target instanceof HTMLElement && (target.isContentEditable ||
      /^(INPUT|TEXTAREA|SELECT)$/.test(target.nodeName));
  }

  input.addEventListener("focus", function () {
    setToggle(true);
    load().then(function () {
      if (!input.value.trim()) {
        showCount(0, "");
      }
    }, function () { /* reported by load() */ });
  });
  input.addEventListener("input", search);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first) {
      first.click();
    }
  });
  form.addEventListener("reset", function () {
    window.setTimeout(function () {
      clear();
      showCount(0, "");
      input.focus();
    });
  });

  list.addEventListener("click", function (event) {
    if (event.target instanceof Element && event.target.closest("a")) {
      setToggle(false);
    }
  });
  scrollwrap.addEventListener("scroll", fillViewport, { passive: true });

  toggle.addEventListener("change", function () {
    if (!toggle.checked) {
      input.blur();
      var url = new URL(window.location.href);
      if (url.searchParams.has("q")) {
        url.searchParams.delete("q");
        window.history.replaceState({}, "", url.href);
      }
    }
  });

  // The header's magnifier (phones) opens the box and gives the input focus,
  // in the click itself so phones show their keyboard. The label's own toggling
  // is cancelled: focusing has already checked the toggle.
  var opener = document.querySelector("header [for=__search]");
  if (opener) {
    opener.addEventListener("click", function (event) {
      event.preventDefault();
      setToggle(true);
      input.focus();
    });
  }

  // The header's drawer and search buttons are labels (Material toggles with checkboxes), which a keyboard
  // cannot reach: with this script they are buttons in the tab order that Enter and Space press. They are
  // hidden where they are not needed (drawer on wide screens, magnifier where the box shows), so never focused there.
  Array.prototype.forEach.call(document.querySelectorAll("header [data-portal-button]"), function (label) {
    label.setAttribute("role", "button");
    label.tabIndex = 0;
    label.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        label.click();
      }
    });
  });

  window.addEventListener("keydown", function (event) {
    if (event.metaKey || event.ctrlKey || event.altKey) {
      return;
    }
    if (!toggle.checked) {
      if ((event.key === "/" || event.key === "s" || event.key === "f") && !isEditable(event.target)) {
        event.preventDefault();
        input.focus();
        input.select();
      }
      return;
    }
    var active = document.activeElement;
    var targets = [input].concat(links());
    var index = targets.indexOf(active);
    switch (event.key) {
      case "Escape":
      case "Tab":
        setToggle(false);
        input.blur();
        break;
      case "Enter":
        if (active === input) {
          event.preventDefault();
          if (targets[1]) {
            targets[1].click();
          }
        }
        break;
      case "ArrowUp":
      case "ArrowDown":
        if (index === -1) {
          input.focus();
        } else {
          var next = (index + (event.key === "ArrowDown" ? 1 : targets.length - 1)) % targets.length;
          targets[next].focus();
          if (next > 0) {
            targets[next].scrollIntoView({ block: "nearest" });
          }
        }
        event.preventDefault();
        break;
      default:
        if (active !== input && event.key.length === 1 && !isEditable(active)) {
          input.focus(); // typing while a result has focus goes on typing into the box
        }
    }
  });

  // ?q=... opens the search with that query, as Material's does.
  var initial = new URL(window.location.href).searchParams.get("q");
  if (initial) {
    input.value = initial;
    input.focus();
    search();
  }
})();

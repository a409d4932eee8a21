// Search-first proposing without an account: show matching ideas while the citizen types, check the text
// for personal data with the validator's own patterns, and fill each channel's link with the whole proposal.
// Nothing is sent from here; every link opens another service. Data comes from the page (generator/propose.py).
(function () {
  "use strict";
  var box = document.getElementById("portal-propose");
  var dataNode = document.getElementById("portal-propose-data");
  if (!box || !dataNode) return;
  var data = JSON.parse(dataNode.textContent);
  document.getElementById("portal-propose-nojs").hidden = true;
  var s = data.strings;
  var titleBox = document.getElementById("portal-propose-title");
  var categoryBox = document.getElementById("portal-propose-category");
  var list = document.getElementById("portal-matches");
  var warning = document.getElementById("portal-pii");
  var copyArea = document.getElementById("portal-copy");
  var copyText = document.getElementById("portal-copy-text");
  var copyButton = document.getElementById("portal-copy-button");
  var copyStatus = document.getElementById("portal-copy-status");
  var links = Array.prototype.slice.call(document.querySelectorAll(".portal-handover__link"));
  var channels = {};
  data.channels.forEach(function (c) { channels[c.channel] = c; });
  var categories = {};
  data.categories.forEach(function (c) { categories[c.key] = c; });
  var stop = {};
  data.stop_words.forEach(function (w) { stop[w] = true; });
  var ideas = [];
  var pagesRoot = box.getAttribute("data-index").replace(/data\/ideas\.json$/, "");

  // --- Personal data: the validator's patterns (generator/personal_data.py), checked as it checks them. ---
  var personal = data.personal.patterns.map(function (p) {
    return { kind: p.kind, re: new RegExp(p.source, "gu"), check: p.check };
  });
  var notPhone = new RegExp("^(?:" + data.personal.not_phone + ")$", "u");
  var amount = new RegExp("^(?:" + data.personal.amount + ")$", "u");
  function luhn(digits) {
    var sum = 0;
    for (var i = 0; i < digits.length; i++) {
      var d = +digits.charAt(digits.length - 1 - i);
      if (i % 2) { d *= 2; if (d > 9) d -= 9; }
      sum += d;
    }
    return sum % 10 === 0;
  }
  function realDate(day, month, year) {
    var date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }
  function ibanValid(raw) {
    var text = raw.replace(/ /g, "");
    var moved = text.slice(4) + text.slice(0, 4);
    var rest = 0;
    for (var i = 0; i < moved.length; i++) {
      var code = moved.charCodeAt(i);
      var part = code >= 65 ? String(code - 55) : moved.charAt(i);
      for (var j = 0; j < part.length; j++) rest = (rest * 10 + +part.charAt(j)) % 97;
    }
    return text.length >= 15 && rest === 1;
  }
  // The kind a match is, or null when the check says it is something else.
  var checks = {
    iban: function (m) { return ibanValid(m[0]) ? "iban" : null; },
    ten_digit: function (m) {
      var digits = m[0].replace(/\D/g, "");
      var sep = m.groups ? m.groups.sep : "";
      var swedishDate = realDate(+digits.slice(4, 6), +digits.slice(2, 4), 2000 + +digits.slice(0, 2)) ||
        realDate(+digits.slice(4, 6), +digits.slice(2, 4), 1900 + +digits.slice(0, 2));
      if (swedishDate && luhn(digits)) return "personnummer";
      if (sep === "+") return null;
      var day = +digits.slice(0, 2), month = +digits.slice(2, 4), year = +digits.slice(4, 6);
      return realDate(day, month, 1900 + year) || realDate(day, month, 2000 + year) ? "cpr" : null;
    },
    luhn: function (m) { return luhn(m[0].replace(/\D/g, "").slice(2)) ? "personnummer" : null; },
    phone: function (m) {
      var digits = m[0].replace(/\D/g, "").length;
      if (digits < 8 || digits > 15 || amount.test(m[0])) return null;
      // The validator leaves dates, year ranges and case numbers alone; so does the page.
      return notPhone.test(m[0]) ? null : "phone";
    }
  };
  function allowed(address) {
    var lower = address.toLowerCase();
    return data.allow.indexOf(lower) >= 0 || data.allow.indexOf(lower.slice(lower.indexOf("@"))) >= 0;
  }
  function findPersonal(text) {
    var found = [];
    var taken = [];
    personal.forEach(function (p) {
      p.re.lastIndex = 0;
      var m;
      while ((m = p.re.exec(text)) !== null) {
        if (m[0] === "") { p.re.lastIndex++; continue; }
        var start = m.index, end = m.index + m[0].length;
        // A span already claimed by a stronger kind (listed first) is not matched again, as in the validator.
        if (taken.some(function (span) { return start < span[1] && span[0] < end; })) continue;
        var kind = p.check ? checks[p.check](m) : p.kind;
        if (kind === "email" && allowed(m[0])) { taken.push([start, end]); continue; }
        if (!kind) continue;
        taken.push([start, end]);
        if (found.indexOf(kind) < 0) found.push(kind);
      }
    });
    return found;
  }
  function kindsText(kinds) {
    var names = kinds.map(function (k) { return s["pii_" + k]; });
    if (names.length < 2) return names.join("");
    return names.slice(0, -1).join(", ") + " " + s.pii_and + " " + names[names.length - 1];
  }

  // --- The proposal and its hand-over. ---
  function proposal() {
    var checked = document.querySelector("input[name=kind]:checked");
    var text = box.value.replace(/\s+$/, "");
    var title = titleBox.value.trim() || text.split("\n")[0].trim().slice(0, 150);
    var category = categoryBox && categoryBox.value ? categories[categoryBox.value] : null;
    return { kind: checked ? checked.value : "idea", title: title, text: text, category: category };
  }
  function fullText(p) {
    var lines = [data.kinds[p.kind] + ": " + p.title];
    if (p.category) lines.push(s.propose_category + ": " + p.category.name + " (" + p.category.key + ")");
    return lines.join("\n") + "\n\n" + p.text + "\n";
  }
  function enc(value) { return encodeURIComponent(value); }
  function href(channel, p, withText) {
    var c = channels[channel];
    var text = withText ? p.text : "";
    if (channel === "forge") {
      var url = c.base + "?template=" + enc(data.forms[p.kind]) + "&title=" + enc(p.title);
      if (text) url += "&text=" + enc(text);
      var option = p.category && p.category.forge[p.kind];
      if (option) url += "&category=" + enc(option);
      return url;
    }
    if (channel === "email") {
      var body = withText ? fullText(p) : "";
      return "mailto:" + c.address + "?subject=" + enc(data.kinds[p.kind] + ": " + p.title) +
        (body ? "&body=" + enc(body) : "");
    }
    return c.template.replace(/\{([^{}]*)\}/g, function (_, name) {
      var values = { kind: p.kind, title: p.title, text: text, category: p.category ? p.category.key : "" };
      return enc(values[name] || "");
    });
  }
  function block(link, blocked) {
    if (blocked) {
      link.removeAttribute("href");
      link.setAttribute("aria-disabled", "true");
      link.setAttribute("role", "link");
    } else {
      link.removeAttribute("aria-disabled");
      link.removeAttribute("role");
    }
  }
  function handOver() {
    var p = proposal();
    var kinds = findPersonal(p.title + "\n" + p.text);
    warning.hidden = kinds.length === 0;
    warning.textContent = kinds.length ? s.propose_blocked.replace("{kinds}", kindsText(kinds)) : "";
    var tooLong = false;
    links.forEach(function (link) {
      var channel = link.getAttribute("data-channel");
      var note = document.querySelector('[data-too-long="' + channel + '"]');
      block(link, kinds.length > 0);
      note.hidden = true;
      if (kinds.length) return;
      if (!p.title && !p.text) { link.setAttribute("href", channels[channel].href); return; }
      var url = href(channel, p, true);
      if (url.length > channels[channel].limit) {
        url = href(channel, p, false);
        note.textContent = s.propose_too_long.replace("{way}", link.textContent);
        note.hidden = false;
        tooLong = true;
      }
      link.setAttribute("href", url);
    });
    if (!copyArea) return;
    copyArea.hidden = !tooLong || kinds.length > 0;
    if (tooLong) copyText.value = fullText(p);
  }
  links.forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (link.getAttribute("aria-disabled") === "true") {
        event.preventDefault();
        warning.focus();
      }
    });
  });
  warning.setAttribute("tabindex", "-1");
  if (copyButton) copyButton.addEventListener("click", function () {
    copyText.focus();
    copyText.select();
    function selected() { copyStatus.textContent = s.propose_copy_select; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(copyText.value).then(function () {
        copyStatus.textContent = s.propose_copied;
      }, selected);
      return;
    }
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    if (done) copyStatus.textContent = s.propose_copied; else selected();
  });

  // --- Similar ideas, statuses in the site's language. ---
  function words(text) {
    return text.toLowerCase().split(/[^0-9a-zæøåäöüßéè]+/).filter(function (w) {
      return w.length > 2 && !stop[w];
    });
  }
  function similar() {
    var p = proposal();
    var query = words(titleBox.value + " " + box.value);
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!query.length || !p) return;
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
      status.className = "portal-matches__status";
      status.textContent = " · " + (data.statuses[pair[1].status] || pair[1].status);
      item.appendChild(status);
      list.appendChild(item);
    });
  }
  function update() { handOver(); similar(); }
  fetch(box.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (loaded) {
    ideas = loaded; similar();
  });
  [box, titleBox, categoryBox].forEach(function (node) {
    if (node) { node.addEventListener("input", update); node.addEventListener("change", update); }
  });
  Array.prototype.forEach.call(document.querySelectorAll("input[name=kind]"), function (radio) {
    radio.addEventListener("change", update);
  });
  update();
})();

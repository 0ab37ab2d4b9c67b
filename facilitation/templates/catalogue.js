/* The catalogue's filters and search: no server, no framework. The methods are in the page;
   their data is in the JSON of #catalogue-data; this script hides those that do not match and
   keeps the filters in the address (#arc=close&time=30), so that a filtered list can be
   bookmarked and shared. Without it, the page lists every method. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("catalogue-data").textContent);
  var form = document.getElementById("filters");
  var count = document.getElementById("count");
  var none = document.getElementById("none");
  var tagsBox = document.getElementById("tags");
  var stop = {};
  data.stop.forEach(function (w) { stop[w] = true; });
  var items = {};
  document.querySelectorAll("#methods > li").forEach(function (li) {
    items[li.getAttribute("data-id")] = li;
  });

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(text) {
    return fold(text).match(/[a-z0-9]+/g) || [];
  }
  // the same word give or take an ending: journée, journées; conclure, conclusion
  // (plan/suggest.py says the same in Python)
  function sameWord(a, b) {
    if (a === b) return true;
    var short = a.length <= b.length ? a : b;
    var long = a.length <= b.length ? b : a;
    if (short.length >= 4 && long.indexOf(short) === 0 && long.length - short.length <= 3) {
      return true;
    }
    var common = 0;
    while (common < short.length && a[common] === b[common]) common++;
    return common >= 5 && common >= short.length - 3;
  }
  function fitsPeople(m, n) {
    return n >= m.people[0] && n <= m.people[1] && (m.gmax === null || n <= m.gmax);
  }
  function shortest(m, n) {
    if (typeof m.short === "number") return m.short;
    return m.short[Math.min(Math.max(n, 1), m.short.length) - 1];
  }

  function state() {
    var tags = [];
    form.querySelectorAll("input[name=tag]:checked").forEach(function (box) {
      tags.push(box.value);
    });
    return {
      q: form.q.value.trim(),
      purpose: form.purpose.value.trim(),
      arc: form.arc.value,
      time: form.time.value,
      people: form.people.value,
      conf: form.conf.value,
      family: form.family.value,
      tags: tags
    };
  }

  function matches(m, st) {
    if (st.arc && m.arc !== st.arc) return false;
    if (st.conf && m.conf !== st.conf) return false;
    if (st.family && m.family !== st.family) return false;
    var people = parseInt(st.people, 10);
    if (people > 0 && !fitsPeople(m, people)) return false;
    var time = parseInt(st.time, 10);
    if (time > 0 && shortest(m, people > 0 ? people : 20) > time) return false;
    for (var i = 0; i < st.tags.length; i++) {
      if (m.tags.indexOf(st.tags[i]) < 0) return false;
    }
    var q = words(st.q);
    for (var j = 0; j < q.length; j++) {
      if (m.s.indexOf(q[j]) < 0) return false;
    }
    var wanted = words(st.purpose).filter(function (w) { return !stop[w]; });
    for (var k = 0; k < wanted.length; k++) {
      var found = false;
      for (var t = 0; t < m.p.length && !found; t++) found = sameWord(wanted[k], m.p[t]);
      if (!found) return false;
    }
    return true;
  }

  function say(n, total) {
    var one = data.lang === "fr" ? n <= 1 : n === 1;
    var text = (one ? data.words.one : data.words.other).replace("{n}", n);
    if (n !== total) {
      text = (one ? data.words.of_one : data.words.of).replace("{shown}", n).replace("{total}", total);
    }
    return text;
  }

  function toHash(st) {
    var parts = [];
    ["q", "purpose", "arc", "time", "people", "conf", "family"].forEach(function (key) {
      if (st[key]) parts.push(key + "=" + encodeURIComponent(st[key]));
    });
    if (st.tags.length) parts.push("tags=" + st.tags.map(encodeURIComponent).join(","));
    return parts.length ? "#" + parts.join("&") : "";
  }

  function fromHash() {
    var hash = window.location.hash.replace(/^#/, "");
    if (!hash) return;
    hash.split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      if (eq < 0) return;
      var key = part.slice(0, eq);
      var value = decodeURIComponent(part.slice(eq + 1));
      if (key === "tags") {
        value.split(",").forEach(function (tag) {
          var box = form.querySelector("input[name=tag][value='" + tag.replace(/'/g, "") + "']");
          if (box) {
            box.checked = true;
            if (tagsBox) tagsBox.open = true;
          }
        });
      } else if (form.elements[key] && key !== "tag") {
        form.elements[key].value = value;
      }
    });
  }

  function apply() {
    var st = state();
    var shown = 0;
    data.methods.forEach(function (m) {
      var ok = matches(m, st);
      var li = items[m.id];
      if (li) li.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = say(shown, data.methods.length);
    none.hidden = shown !== 0;
    var hash = toHash(st);
    if (hash !== window.location.hash && !(hash === "" && window.location.hash === "#")) {
      try {
        window.history.replaceState(null, "", hash || window.location.pathname);
      } catch (e) {
        /* some browsers refuse it for local files: the filters still work */
      }
    }
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  window.addEventListener("hashchange", function () {
    form.reset();
    fromHash();
    apply();
  });
  fromHash();
  apply();
  // on a phone, the filters fold away under their title unless some are in use
  var box = document.getElementById("filter-box");
  if (box && window.matchMedia("(max-width: 60rem)").matches && !window.location.hash) {
    box.open = false;
  }
})();

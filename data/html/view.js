// view.js: clicking an actor highlights its mentions; clicking a statement shows who said it (inlined into every page, allowed by its hash).
(function () {
  'use strict';
  var detail = document.getElementById('detail');
  function clear() {
    document.querySelectorAll('.hl').forEach(function (e) { e.classList.remove('hl'); });
  }
  function has(list, id) {
    return (' ' + (list || '') + ' ').indexOf(' ' + id + ' ') >= 0;
  }
  function showActor(id) {
    clear();
    document.querySelectorAll('[data-a]').forEach(function (e) {
      if (has(e.getAttribute('data-a'), id)) e.classList.add('hl');
    });
  }
  function showStatement(id) {
    clear();
    var row = document.querySelector('tr[data-s="' + id + '"]');
    document.querySelectorAll('#text [data-s]').forEach(function (e) {
      if (has(e.getAttribute('data-s'), id)) e.classList.add('hl');
    });
    if (!row) return;
    row.classList.add('hl');
    var c = row.cells;
    detail.textContent = 'Speaker: ' + c[0].textContent + ' \u00b7 cue: ' + c[1].textContent +
      ' \u00b7 kind: ' + c[2].textContent;
    detail.classList.add('shown');
  }
  document.addEventListener('click', function (ev) {
    var e = ev.target.closest('[data-a], [data-s]');
    if (!e) { clear(); detail.classList.remove('shown'); return; }
    var s = e.getAttribute('data-s');
    if (s && (e.tagName === 'TR' || !ev.target.closest('.m'))) showStatement(s.split(' ')[0]);
    else showActor(e.getAttribute('data-a').split(' ')[0]);
  });
})();

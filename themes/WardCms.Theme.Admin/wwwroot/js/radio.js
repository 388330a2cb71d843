// Radio desk enhancements (no inline script; the pages work without this file):
// - a live read-time estimate under any textarea with data-read-time (or named by a data-read-time-for marker);
// - drag-and-drop reordering of bulletin items (the Lên/Xuống buttons stay for keyboard users).
(function () {
  'use strict';

  function token() {
    var el = document.querySelector('input[name="__RequestVerificationToken"]');
    return el ? el.value : '';
  }

  // A part's editor can ask for the estimate under another field (the broadcast part: under the body).
  document.querySelectorAll('[data-read-time-for]').forEach(function (marker) {
    var target = document.getElementById(marker.getAttribute('data-read-time-for'));
    if (target && target.tagName === 'TEXTAREA') target.setAttribute('data-read-time', marker.getAttribute('data-read-time-url') || '');
  });

  document.querySelectorAll('textarea[data-read-time]').forEach(function (area) {
    var out = document.createElement('p');
    out.className = 'hint read-time';
    out.setAttribute('aria-live', 'polite');
    area.insertAdjacentElement('afterend', out);
    var timer = null, last = null;
    function update() {
      if (area.value === last) return;
      last = area.value;
      var body = new FormData();
      body.append('text', area.value);
      if (area.getAttribute('data-rate')) body.append('rate', area.getAttribute('data-rate'));
      body.append('__RequestVerificationToken', token());
      fetch(area.getAttribute('data-read-time') || '/admin/radio/estimate', { method: 'POST', body: body, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (d) {
          if (d) out.textContent = 'Thời lượng đọc ước tính: ' + d.formatted + ' (' + d.syllables + ' tiếng, ' + d.rate + ' tiếng/phút)';
        })
        .catch(function () { out.textContent = ''; });
    }
    area.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(update, 600); });
    update();
  });

  document.querySelectorAll('[data-reorder]').forEach(function (list) {
    var url = list.getAttribute('data-reorder-url');
    var dragged = null;
    list.querySelectorAll('.bulletin-item').forEach(function (li) {
      li.setAttribute('draggable', 'true');
      li.addEventListener('dragstart', function (e) {
        dragged = li;
        li.classList.add('dragging');
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', li.getAttribute('data-item-id'));
      });
      li.addEventListener('dragend', function () { li.classList.remove('dragging'); dragged = null; });
      li.addEventListener('dragover', function (e) {
        if (!dragged || dragged === li) return;
        e.preventDefault();
        var rect = li.getBoundingClientRect();
        var after = e.clientY > rect.top + rect.height / 2;
        list.insertBefore(dragged, after ? li.nextSibling : li);
      });
      li.addEventListener('drop', function (e) {
        e.preventDefault();
        var body = new FormData();
        list.querySelectorAll('.bulletin-item').forEach(function (x) { body.append('order', x.getAttribute('data-item-id')); });
        body.append('__RequestVerificationToken', token());
        fetch(url, { method: 'POST', body: body, credentials: 'same-origin', headers: { Accept: 'application/json' } })
          .then(function (r) { if (r.ok) window.location.reload(); else window.alert('Không lưu được thứ tự mới; hãy tải lại trang.'); });
      });
    });
  });
})();

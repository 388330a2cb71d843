// Content editor extras (no inline script under the CSP): Soạn/Xem trước tabs on phones,
// the public address under the slug box, and adding cue rows to a broadcast script.
(function () {
  'use strict';

  document.querySelectorAll('[data-md-editor]').forEach(function (root) {
    var tabs = root.querySelector('.md-tabs');
    if (!tabs) return;
    tabs.hidden = false;
    root.classList.add('has-tabs');
    var buttons = Array.prototype.slice.call(tabs.querySelectorAll('[data-md-tab]'));
    function select(button, focus) {
      var preview = button.getAttribute('data-md-tab') === 'preview';
      root.classList.toggle('show-preview', preview);
      buttons.forEach(function (b) {
        var on = b === button;
        b.setAttribute('aria-selected', on ? 'true' : 'false');
        b.tabIndex = on ? 0 : -1;
      });
      if (focus) button.focus();
    }
    buttons.forEach(function (b, i) {
      b.addEventListener('click', function () { select(b, false); });
      // Arrow keys move between tabs, as in any tab list.
      b.addEventListener('keydown', function (e) {
        if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
          e.preventDefault();
          select(buttons[(i + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length], true);
        }
      });
    });
  });

  document.querySelectorAll('input[data-slug-prefix]').forEach(function (input) {
    var out = document.querySelector('[data-slug-url]');
    if (!out) return;
    var prefix = input.getAttribute('data-slug-prefix');
    function update() { out.textContent = prefix + (input.value.trim() || '…'); }
    input.addEventListener('input', update);
  });

  document.querySelectorAll('[data-cue-table]').forEach(function (box) {
    var add = box.querySelector('[data-add-cue]');
    var body = box.querySelector('tbody');
    if (!add || !body) return;
    add.hidden = false;
    add.addEventListener('click', function () {
      var rows = body.querySelectorAll('[data-cue-row]');
      var last = rows[rows.length - 1];
      var index = rows.length;
      var row = last.cloneNode(true);
      row.querySelectorAll('[id]').forEach(function (el) { el.id = el.id.replace(/Cues-\d+-/, 'Cues-' + index + '-'); });
      row.querySelectorAll('.field-error').forEach(function (el) { el.remove(); });
      row.querySelectorAll('input').forEach(function (el) {
        el.name = el.name.replace(/Cues\[\d+\]/, 'Cues[' + index + ']');
        el.value = '';
        el.removeAttribute('aria-invalid');
        el.removeAttribute('aria-describedby');
        el.setAttribute('aria-label', el.getAttribute('aria-label').replace(/\d+$/, String(index + 1)));
      });
      row.querySelector('td').textContent = String(index + 1);
      body.appendChild(row);
      row.querySelector('input').focus();
    });
  });

  // Leaving the editor with unsaved changes asks first; saving does not.
  var form = document.getElementById('content-form');
  var dirty = false;
  if (form) {
    form.addEventListener('input', function () { dirty = true; });
    form.addEventListener('change', function () { dirty = true; });
    document.addEventListener('submit', function (e) { if (e.target === form || e.submitter && e.submitter.form === form) dirty = false; }, true);
    window.addEventListener('beforeunload', function (e) { if (dirty) { e.preventDefault(); e.returnValue = ''; } });
  }

  // A workflow button ("Gửi trưởng phòng duyệt") pressed with unsaved text saves the text first, then
  // makes the move on the version just saved (the move is of the text on screen). When the save is
  // refused (a field to fix, someone saved meanwhile) the form is posted the ordinary way instead, so
  // the page shows why and keeps the text; the move is not made.
  document.querySelectorAll('form[data-workflow]').forEach(function (wf) {
    if (!form) return;
    wf.addEventListener('submit', function (e) {
      if (!dirty || wf.getAttribute('data-saved') === '1') return;
      e.preventDefault();
      var button = e.submitter;
      var note = document.createElement('p');
      note.className = 'hint';
      note.setAttribute('role', 'status');
      note.textContent = 'Đang lưu nội dung trước khi chuyển bước…';
      wf.appendChild(note);
      fetch(form.action, { method: 'POST', body: new FormData(form), credentials: 'same-origin', redirect: 'manual' })
        .then(function (r) {
          if (r.type !== 'opaqueredirect') throw new Error('not saved');
          return fetch(location.pathname, { credentials: 'same-origin', redirect: 'manual' });
        })
        .then(function (r) {
          if (!r.ok) throw new Error('not loaded');
          return r.text();
        })
        .then(function (html) {
          var m = /name="BaseVersionId" value="(\d+)"/.exec(html);
          if (!m) throw new Error('no version');
          dirty = false;
          wf.querySelector('input[name="VersionId"]').value = m[1];
          if (button && button.name) {
            var chosen = document.createElement('input');
            chosen.type = 'hidden';
            chosen.name = button.name;
            chosen.value = button.value;
            wf.appendChild(chosen);
          }
          wf.setAttribute('data-saved', '1');
          wf.submit();
        })
        .catch(function () {
          note.textContent = 'Chưa lưu được nội dung nên chưa chuyển bước; trang sẽ hiện lý do.';
          dirty = false;
          form.submit();
        });
    });
  });

  // Nothing typed is lost. The server keeps the form a few seconds after each change and when the page
  // is left (sendBeacon); it offers that text back when the editor is opened again. When the server
  // cannot take it (the session expired, the network is down) the browser keeps a copy, which is handed
  // to the server the next time this editor opens with a session, and then offered back the same way.
  var autosaveUrl = form && form.getAttribute('data-autosave');
  if (form && autosaveUrl) {
    var statuses = document.querySelectorAll('[data-autosave-status]');
    var key = 'wardcms-autosave:' + autosaveUrl; // one per item, or per type for a new item
    var timer = null;
    var say = function (text) { statuses.forEach(function (el) { el.textContent = text; }); };
    var fields = function () {
      var all = {};
      new FormData(form).forEach(function (v, k) { if (typeof v === 'string') (all[k] = all[k] || []).push(v); });
      return all;
    };
    var keepHere = function () {
      try { localStorage.setItem(key, JSON.stringify({ at: Date.now(), fields: fields() })); } catch (e) { /* private mode or full */ }
    };
    var forget = function () { try { localStorage.removeItem(key); } catch (e) { /* nothing kept */ } };
    var post = function (data) {
      return fetch(autosaveUrl, { method: 'POST', body: data, credentials: 'same-origin', redirect: 'manual', headers: { 'Accept': 'application/json' } });
    };
    var send = function () {
      timer = null;
      post(new FormData(form)).then(function (r) {
        if (r.type === 'opaqueredirect' || r.status === 401 || r.status === 400) {
          keepHere();
          say('Phiên đăng nhập đã hết hạn: nội dung vẫn được giữ trên máy này. Hãy đăng nhập lại rồi mở lại bài này để khôi phục.');
          return;
        }
        return r.json().then(function (j) {
          say(j.message || '');
          if (r.ok) forget(); else keepHere();
        });
      }).catch(function () {
        keepHere();
        say('Mất kết nối: nội dung vẫn được giữ trên máy này và được lưu khi mở lại bài.');
      });
    };
    var schedule = function () { if (timer) clearTimeout(timer); timer = setTimeout(send, 2000); };
    form.addEventListener('input', schedule);
    form.addEventListener('change', schedule);
    window.addEventListener('pagehide', function () {
      if (!timer) return;
      clearTimeout(timer);
      timer = null;
      keepHere();
      navigator.sendBeacon(autosaveUrl, new FormData(form));
    });

    // A copy this browser kept that the server has not got yet: hand it over, then the page offers it.
    var local = null;
    try { local = JSON.parse(localStorage.getItem(key) || 'null'); } catch (e) { local = null; }
    if (local && local.fields) {
      var known = Math.max(Number(form.getAttribute('data-autosave-at')) || 0, Number(form.getAttribute('data-saved-at')) || 0);
      if (local.at <= known) {
        forget();
      } else {
        var data = new FormData();
        Object.keys(local.fields).forEach(function (k) {
          if (k === '__RequestVerificationToken') return;
          local.fields[k].forEach(function (v) { data.append(k, v); });
        });
        var token = form.querySelector('input[name="__RequestVerificationToken"]');
        if (token) data.append('__RequestVerificationToken', token.value);
        post(data).then(function (r) {
          if (r.ok) { forget(); location.reload(); }
        });
      }
    }
  }

  var summary = document.getElementById('conflict') || document.getElementById('error-summary');
  if (summary) summary.focus();
})();

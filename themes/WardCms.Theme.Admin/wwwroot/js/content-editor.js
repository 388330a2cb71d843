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
          if (button && button.name && html.indexOf('name="' + button.name + '" value="' + button.value + '"') < 0) {
            // Saving new text sent the item back to an earlier step (a reviewer's edit): that move is no
            // longer offered. The page shows the saved version, its state and why.
            location.assign(location.pathname);
            return;
          }
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
          // Posted the ordinary way, through its submit event: a copy stays on this machine until it is saved.
          form.requestSubmit();
        });
    });
  });

  // Nothing typed is lost. The server keeps the form two seconds after each change and when the page
  // is left (sendBeacon); it offers that text back when the editor is opened again. When the server
  // cannot take it (the session expired, the network is down) or the form is being sent, this browser
  // keeps a copy too (per person and form). When the editor opens again, a copy that differs from what
  // the form shows is handed to the server and offered back; one equal to it was saved and is dropped.
  // Comparing the text, not clocks, so a slow office clock loses nothing.
  var autosaveUrl = form && form.getAttribute('data-autosave');
  if (form && autosaveUrl) {
    var statuses = document.querySelectorAll('[data-autosave-status]');
    var user = form.getAttribute('data-autosave-user') || '';
    var keyOf = function (url) { return 'wardcms-autosave:' + user + ':' + url; };
    var key = keyOf(autosaveUrl);
    var timer = null;
    var say = function (text) { statuses.forEach(function (el) { el.textContent = text; }); };
    // Not compared: what the server fills in or the form carries besides the text (a slug made from the title).
    var ignored = { '__RequestVerificationToken': 1, 'BaseVersionId': 1, 'SaveOverVersionId': 1, 'Note': 1, 'Slug': 1 };
    var norm = function (list) { return JSON.stringify((list || []).map(function (v) { return String(v).replace(/\r\n?/g, '\n').trim().normalize('NFC'); })); };
    var fields = function () {
      var all = {};
      new FormData(form).forEach(function (v, k) { if (typeof v === 'string') (all[k] = all[k] || []).push(v); });
      return all;
    };
    var same = function (a, b) {
      var keys = Object.keys(a).concat(Object.keys(b)).filter(function (k) { return !ignored[k]; });
      return keys.every(function (k) { return norm(a[k]) === norm(b[k]); });
    };
    var read = function (k) { try { return JSON.parse(localStorage.getItem(k) || 'null'); } catch (e) { return null; } };
    var keepHere = function () {
      try { localStorage.setItem(key, JSON.stringify({ at: Date.now(), fields: fields() })); } catch (e) { /* private mode or full */ }
    };
    var forget = function (k) { try { localStorage.removeItem(k || key); } catch (e) { /* nothing kept */ } };
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
        var type = r.headers.get('Content-Type') || '';
        if (type.indexOf('json') < 0) {
          keepHere();
          say('Chưa lưu tự động được lúc này; nội dung vẫn được giữ trên máy này.');
          return;
        }
        return r.json().then(function (j) {
          if (j.stale) { forget(); return; } // a newer version of this person's was saved meanwhile
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
    // Sending the form: nothing more to keep on the server, but a copy here until the next page shows it saved
    // (a save refused at the sign-in page would otherwise take the text with it).
    form.addEventListener('submit', function () {
      if (timer) { clearTimeout(timer); timer = null; }
      keepHere();
    });
    window.addEventListener('pagehide', function () {
      if (!timer) return;
      clearTimeout(timer);
      timer = null;
      keepHere();
      navigator.sendBeacon(autosaveUrl, new FormData(form));
    });

    var now = fields();
    // The new-item form's copy, once that item was created and opened here, is this form's text.
    var fresh = form.getAttribute('data-autosave-new');
    if (fresh) {
      var created = read(keyOf(fresh));
      if (created && created.fields && same(created.fields, now)) forget(keyOf(fresh));
    }
    var local = read(key);
    if (local && local.fields) {
      if (same(local.fields, now)) {
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
          if (r.ok) { forget(); location.reload(); } else if (r.status === 409) { forget(); }
        });
      }
    }
  }

  var summary = document.getElementById('conflict') || document.getElementById('error-summary');
  if (summary) summary.focus();
})();

/* The trainer's check-in screen: a QR code refreshed every 30 s, and ticks that survive a bad
   connection. Without JavaScript the page works by reloading and by plain form posts.

   Ticks are kept in localStorage (one pending state per participant, the latest wins) and sent
   until the server confirms them: a request that fails for the network or a server error is
   retried with a growing delay and again as soon as the browser is back online; a refusal (4xx)
   is shown and the row goes back to what the server holds. */
(function () {
  "use strict";

  function refreshCode(section) {
    var figure = section.querySelector("[data-qr]");
    var status = section.querySelector("[data-qr-status]");
    var url = section.getAttribute("data-code-url");
    var seconds = parseInt(section.getAttribute("data-rotate"), 10) || 30;
    status.removeAttribute("role");
    status.textContent = "";
    function tick() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        })
        .then(function (data) {
          if (data.open) {
            figure.innerHTML = data.svg;
            status.textContent = "";
          } else {
            figure.innerHTML = "";
            status.textContent = section.getAttribute("data-closed") || "";
          }
        })
        .catch(function () {
          status.textContent = "Brak połączenia – kod może być nieaktualny. Ponawiam…";
        });
    }
    window.setInterval(tick, seconds * 1000);
  }

  function Queue(list, status) {
    this.key = "events-check-in:" + window.location.pathname;
    this.list = list;
    this.status = status;
    this.delay = 2000;
    this.timer = null;
    this.sending = false;
  }
  Queue.prototype.load = function () {
    try { return JSON.parse(window.localStorage.getItem(this.key)) || {}; } catch (e) { return {}; }
  };
  Queue.prototype.save = function (items) {
    try { window.localStorage.setItem(this.key, JSON.stringify(items)); } catch (e) { /* private mode */ }
  };
  Queue.prototype.show = function () {
    var count = Object.keys(this.load()).length;
    this.status.textContent = count ? "Oczekuje na wysłanie: " + count + " (zostanie wysłane po odzyskaniu połączenia)" : "";
  };
  Queue.prototype.put = function (form, present) {
    var items = this.load();
    items[form.elements.registration.value] = {
      url: form.action,
      present: present ? "1" : "0",
      csrf: form.elements.csrfmiddlewaretoken.value
    };
    this.save(items);
    this.show();
    this.flush();
  };
  Queue.prototype.schedule = function () {
    var self = this;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () { self.flush(); }, this.delay);
    this.delay = Math.min(this.delay * 2, 30000);
  };
  Queue.prototype.flush = function () {
    var self = this;
    var items = this.load();
    var ids = Object.keys(items);
    if (this.sending || !ids.length) { return; }
    this.sending = true;
    var id = ids[0];
    var item = items[id];
    var body = new FormData();
    body.append("registration", id);
    body.append("present", item.present);
    body.append("csrfmiddlewaretoken", item.csrf);
    fetch(item.url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": item.csrf }
    }).then(function (response) {
      if (response.status >= 500) { throw new Error(String(response.status)); }
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      var current = self.load();
      if (current[id] && current[id].present === item.present) { delete current[id]; }
      self.save(current);
      if (!result.ok) {
        setRow(self.list, id, item.present !== "1");
        window.alert(result.data.error || "Nie udało się zapisać.");
      }
      self.delay = 2000;
      self.sending = false;
      self.show();
      self.flush();
    }).catch(function () {
      self.sending = false;
      self.show();
      self.schedule();
    });
  };

  function setRow(list, id, present) {
    var input = list.querySelector('input[name="registration"][value="' + id + '"]');
    if (!input) { return; }
    var form = input.form;
    var row = form.closest("li");
    var button = form.querySelector("button");
    var hidden = button.querySelector(".visually-hidden");
    row.classList.toggle("is-present", present);
    row.querySelector("[data-state]").textContent = present ? "obecny(-a)" : "nieobecny(-a)";
    form.elements.present.value = present ? "0" : "1";
    button.firstChild.textContent = present ? button.getAttribute("data-absent-label") : button.getAttribute("data-present-label");
    if (hidden) { button.appendChild(hidden); }
  }

  function attendance(list, status) {
    var queue = new Queue(list, status);
    var pending = queue.load();
    Object.keys(pending).forEach(function (id) { setRow(list, id, pending[id].present === "1"); });
    list.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.matches("[data-mark]")) { return; }
      event.preventDefault();
      var present = form.elements.present.value === "1";
      setRow(list, form.elements.registration.value, present);
      queue.put(form, present);
    });
    window.addEventListener("online", function () { queue.delay = 2000; queue.flush(); });
    queue.show();
    queue.flush();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var section = document.querySelector("[data-code-url]");
    if (section) { refreshCode(section); }
    var list = document.querySelector("[data-attendance]");
    if (list) { attendance(list, document.querySelector("[data-queue-status]")); }
  });
}());

// Pairing a browser display: ask for a code, show it, wait for the admin.
(function () {
  "use strict";
  function $(id) { return document.getElementById(id); }
  var form = $("pairform");
  function hint(t) { $("hint").textContent = t; }
  function poll(id) {
    fetch("/layar/pair/" + encodeURIComponent(id), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (p) {
        if (p.status === "approved") { hint("Disetujui. Memuat layar antrean..."); location.reload(); return; }
        if (p.status === "pending") { setTimeout(function () { poll(id); }, 2000); return; }
        hint(p.message || "Pemasangan tidak berhasil. Muat ulang halaman untuk mencoba lagi.");
        $("code").hidden = true;
        form.hidden = false;
      })
      .catch(function () { setTimeout(function () { poll(id); }, 4000); });
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    hint("Meminta kode...");
    fetch("/layar/pair", { method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (p) {
        if (!p.code) { hint(p.message || "Kode tidak dapat dibuat. Coba lagi."); return; }
        form.hidden = true;
        $("code").textContent = p.code;
        $("code").hidden = false;
        hint("Kode pemasangan. Menunggu persetujuan admin...");
        poll(p.request_id);
      })
      .catch(function () { hint("Server kantor tidak terjangkau. Periksa jaringan, lalu coba lagi."); });
  });
})();

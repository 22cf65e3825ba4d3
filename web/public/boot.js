// Daira's first request, before the app's JavaScript has even arrived: the session check
// (the refresh answers the access token and the user), then, on the home page, the feed.
// The app picks both promises up (src/lib/boot.ts) instead of asking again, so a page load
// is one round trip shorter than JS -> refresh -> /users/me -> feed. An external file, not
// an inline script, because the Content-Security-Policy allows scripts from 'self' only.
(function () {
  'use strict';
  var refresh = function () {
    return fetch('/api/v1/auth/refresh', { method: 'POST', credentials: 'include' });
  };
  // Same lock as the app: a second tab waits for the rotated cookie instead of reusing one.
  var started = navigator.locks ? navigator.locks.request('daira-refresh', refresh) : refresh();
  var session = started
    .then(function (res) {
      if (res.ok) return res.json();
      // Nobody reads a refused refresh's answer: cancel it, or the request stays open (Chromium
      // keeps an unread 401 body pending) and the page never looks idle.
      if (res.body) res.body.cancel().catch(function () {});
      return null;
    })
    .catch(function () {
      return null;
    });
  var feed =
    location.pathname === '/'
      ? session.then(function (answer) {
          if (!answer) return null;
          return fetch('/api/v1/feed?limit=20', {
            headers: { Accept: 'application/json', Authorization: 'Bearer ' + answer.access_token },
            credentials: 'include',
          }).catch(function () {
            return null;
          });
        })
      : null;
  window.__dairaBoot = { session: session, feed: feed };
})();

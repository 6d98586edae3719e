// The login page the server shows instead of a page when the request has no valid token: a form that
// sends `?token=` to the same page, which the server turns into the login cookies.

import { byId } from "./dom.js";

const params = new URLSearchParams(location.search);
if (params.has("token")) {
    // The server showed this page again: the token given was wrong. Keep it out of the address bar.
    byId("login-error").hidden = false;
    params.delete("token");
    const rest = params.toString();
    history.replaceState(null, "", location.pathname + (rest ? `?${rest}` : ""));
}
byId("token").focus();

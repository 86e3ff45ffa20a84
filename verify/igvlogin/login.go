package igvlogin

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net"
	"net/http"
	"net/url"
	"sync/atomic"
	"syscall"
	"time"
)

// Login performs IGV's login: it listens on the redirect URI's port, calls open with the authorize URL
// (open plays the browser; it may also just print the URL and return nil), waits until ctx ends for the
// callback on the redirect URI's path, checks its state and exchanges the code.
// A nil client means http.DefaultClient.
func Login(ctx context.Context, cfg Config, open func(authorizeURL string) error, client *http.Client) (*Tokens, error) {
	if open == nil {
		return nil, errors.New("igvlogin.Login: open is nil")
	}
	port, err := checkConfig(cfg)
	if err != nil {
		return nil, err
	}
	if client == nil {
		client = http.DefaultClient
	}
	state, err := newState()
	if err != nil {
		return nil, err
	}
	verifier, err := newCodeVerifier()
	if err != nil {
		return nil, err
	}
	// Listen before opening the browser, as IGV's CommandListener does, so a taken port fails first.
	ln, err := listenCallback(port)
	if err != nil {
		return nil, err
	}
	h := &callbackHandler{
		state: state,
		exchange: func(code string) (*Tokens, error) {
			return exchangeCode(ctx, client, cfg, code, state, verifier)
		},
		done: make(chan result, 1),
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer func() {
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdownCtx)
	}()

	if err := open(AuthorizeURL(cfg, state, codeChallengeS256(verifier))); err != nil {
		return nil, fmt.Errorf("opening the browser at the authorize URL: %w", err)
	}
	select {
	case r := <-h.done:
		return r.tokens, r.err
	case <-ctx.Done():
		if h.arrived.Load() {
			return nil, fmt.Errorf("the callback arrived at %s but the token exchange did not finish: %w",
				cfg.RedirectURI, context.Cause(ctx))
		}
		return nil, fmt.Errorf("%w at %s before the wait ended (%w): the login was not completed in the browser, "+
			"or the authorization server did not redirect back", ErrNoCallback, cfg.RedirectURI, context.Cause(ctx))
	}
}

// listenCallback listens as IGV's CommandListener.run does, new ServerSocket(port): on every interface.
// Binding the same way makes a running IGV collide with us on every OS (a loopback-only bind succeeds
// beside IGV's wildcard one on macOS), and serves the browser whether localhost is 127.0.0.1 or ::1.
func listenCallback(port string) (net.Listener, error) {
	ln, err := net.Listen("tcp", ":"+port)
	if err == nil {
		return ln, nil
	}
	if addrInUse(err) {
		return nil, fmt.Errorf("%w: port %s (%w): most likely IGV itself is running and listening there; "+
			"quit IGV for the check", ErrPortTaken, port, err)
	}
	return nil, fmt.Errorf("listening for the OAuth callback on port %s: %w", port, err)
}

func addrInUse(err error) bool {
	// 10048 is Windows' WSAEADDRINUSE, which package syscall does not map to EADDRINUSE.
	var errno syscall.Errno
	return errors.Is(err, syscall.EADDRINUSE) || errors.As(err, &errno) && errno == 10048
}

type result struct {
	tokens *Tokens
	err    error
}

// callbackHandler takes the first request on the callback path and reports its outcome on done; later
// ones are told the login was already handled.
type callbackHandler struct {
	state    string
	exchange func(code string) (*Tokens, error)
	arrived  atomic.Bool
	done     chan result
}

func (h *callbackHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != callbackPath {
		http.NotFound(w, r) // e.g. the browser's /favicon.ico
		return
	}
	if r.Method != http.MethodGet {
		http.Error(w, "the OAuth callback is a GET", http.StatusMethodNotAllowed)
		return
	}
	if !h.arrived.CompareAndSwap(false, true) {
		writePage(w, http.StatusConflict, "This login was already handled. Return to the terminal.")
		return
	}
	tokens, err := h.handle(r.URL.Query())
	if err != nil {
		writePage(w, http.StatusBadRequest, "Login failed: "+err.Error()+". Return to the terminal.")
	} else {
		writePage(w, http.StatusOK, "Login succeeded. You may close this tab and return to the terminal.")
	}
	h.done <- result{tokens, err}
}

// handle checks the callback in IGV's order (CommandListener.processClientSession): error first,
// whatever the state; then the provider is looked up by state; then the code is exchanged.
func (h *callbackHandler) handle(q url.Values) (*Tokens, error) {
	if q.Has("error") {
		return nil, &CallbackError{Code: q.Get("error"), Description: q.Get("error_description")}
	}
	if got := q.Get("state"); got != h.state {
		// IGV finds no provider for an unknown state (OAuthUtils.getProviderForState returns null), so the
		// code is never exchanged: provider.fetchAccessToken throws a NullPointerException that
		// CommandListener.run does not catch (it catches IOException only), ending IGV's listener thread.
		return nil, fmt.Errorf("%w: got %q, sent %q", ErrStateMismatch, got, h.state)
	}
	if !q.Has("code") {
		return nil, fmt.Errorf("%w: %s", ErrNoCode, q.Encode())
	}
	return h.exchange(q.Get("code"))
}

// writePage answers the browser with a one-line page, as IGV does ("Authorization successful.  You may
// close this tab."), but saying whether the login worked.
func writePage(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	fmt.Fprintf(w, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>IGV login check</title></head>\n"+
		"<body><p>%s</p></body></html>\n", html.EscapeString(message))
}

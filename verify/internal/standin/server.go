package standin

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"syscall"
)

// Services, as Call.Service names them.
const (
	ServiceCloudFront      = "cloudfront"
	ServiceCognitoIDP      = "cognito-idp"
	ServiceHostedUI        = "hosted-ui"
	ServiceCognitoIdentity = "cognito-identity"
	ServiceSTS             = "sts"
	ServiceIAM             = "iam"
	ServiceS3              = "s3"
)

// Serve starts one TLS server that answers for every AWS host of the deployment, and returns an
// HTTP client that trusts it and dials every host the deployment serves to it. Requests to
// localhost go to the real network, where IGV's login callback listens. A host the deployment does
// not serve fails to resolve, as it would in DNS. close stops the server.
func (d *Deployment) Serve() (client *http.Client, close func()) {
	ca, err := newAuthority()
	if err != nil {
		// Key generation only fails when the system's randomness does: nothing a test can handle.
		panic(err)
	}
	for name := range d.Buckets {
		if err := d.ensureStoreBucket(name); err != nil {
			panic(err)
		}
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(d.route))
	srv.TLS = &tls.Config{GetCertificate: ca.certificate}
	srv.StartTLS()

	addr := srv.Listener.Addr().String()
	var dialer net.Dialer
	dial := func(ctx context.Context, network, hostport string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(hostport)
		if err != nil {
			return nil, err
		}
		if isLocal(host) {
			return dialer.DialContext(ctx, network, hostport)
		}
		if d.service(host) == "" {
			return nil, &net.OpError{Op: "dial", Net: network,
				Err: &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}}
		}
		if port != "443" {
			// AWS answers plain HTTP too, but nothing IGV or verify does should ever use it.
			return nil, &net.OpError{Op: "dial", Net: network, Err: syscall.ECONNREFUSED}
		}
		return dialer.DialContext(ctx, "tcp", addr)
	}
	roots := x509.NewCertPool()
	roots.AddCert(ca.cert)
	transport := &http.Transport{
		DialContext:         dial,
		TLSClientConfig:     &tls.Config{RootCAs: roots},
		MaxIdleConnsPerHost: 4,
	}
	client = &http.Client{Transport: transport}
	var once sync.Once
	return client, func() {
		once.Do(func() {
			transport.CloseIdleConnections()
			srv.Close()
		})
	}
}

func isLocal(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// service names the service that answers at host, "" for none. It is read at every request, so a
// test that changes the deployment's region or domain moves the endpoints with it.
func (d *Deployment) service(host string) string {
	host = strings.ToLower(host)
	if u, err := url.Parse(d.ProvisioningURL); err == nil && u.Host != "" && strings.EqualFold(u.Hostname(), host) {
		return ServiceCloudFront
	}
	if d.UserPool.Domain != "" && strings.EqualFold(host, d.UserPool.Domain) {
		return ServiceHostedUI
	}
	switch host {
	case "cognito-idp." + d.Region + ".amazonaws.com":
		return ServiceCognitoIDP
	case "cognito-identity." + d.Region + ".amazonaws.com":
		return ServiceCognitoIdentity
	case "sts.amazonaws.com", "sts." + d.Region + ".amazonaws.com":
		return ServiceSTS
	case "iam.amazonaws.com":
		return ServiceIAM
	}
	if _, _, ok := parseS3Host(host); ok {
		return ServiceS3
	}
	return ""
}

// route dispatches on the Host header, as the AWS front ends do, and logs the request.
func (d *Deployment) route(w http.ResponseWriter, r *http.Request) {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	c := &Call{
		Service: d.service(host), Host: host, Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery,
		Header: r.Header.Clone(), Params: map[string][]string{},
	}
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	switch c.Service {
	case ServiceCloudFront:
		d.serveCloudFront(rec, r, c)
	case ServiceHostedUI:
		d.serveHostedUI(rec, r, c)
	case ServiceCognitoIDP:
		d.serveCognitoIDP(rec, r, c)
	case ServiceCognitoIdentity:
		d.serveCognitoIdentity(rec, r, c)
	case ServiceSTS:
		d.serveSTS(rec, r, c)
	case ServiceIAM:
		d.serveIAM(rec, r, c)
	case ServiceS3:
		d.serveS3(rec, r, c, host)
	default:
		c.Error = "UnknownHost"
		http.Error(rec, fmt.Sprintf("standin: no service at %s", host), http.StatusMisdirectedRequest)
	}
	c.Status = rec.status
	d.mu.Lock()
	d.calls = append(d.calls, *c)
	d.mu.Unlock()
}

type statusRecorder struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
}

func (s *statusRecorder) WriteHeader(code int) {
	if !s.wroteHeader {
		s.status, s.wroteHeader = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.wroteHeader = true
	return s.ResponseWriter.Write(b)
}

// Flush lets gofakes3 stream object bodies.
func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

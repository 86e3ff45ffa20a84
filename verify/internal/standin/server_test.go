package standin

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mustHost(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	require.NoError(t, err)
	return u.Host
}

func TestLocalhostRequestsReachTheRealNetwork(t *testing.T) {
	_, client := serve(t)
	local := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "IGV's callback listener")
	}))
	defer local.Close()

	resp, err := client.Get(local.URL + "/oauthCallback")
	require.NoError(t, err)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	assert.Equal(t, "IGV's callback listener", string(body))
}

func TestHostsTheDeploymentDoesNotServeDoNotResolve(t *testing.T) {
	d, client := serve(t)
	old := d.UserPool.Domain
	d.UserPool.Domain = "renamed.auth." + d.Region + ".amazoncognito.com"
	_, err := client.Get("https://" + old + "/oauth2/authorize")
	var dnsErr *net.DNSError
	require.True(t, errors.As(err, &dnsErr), "got %v", err)
	assert.True(t, dnsErr.IsNotFound)
}

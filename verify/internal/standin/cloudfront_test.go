package standin

import (
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHealthyDeploymentServesTheConfigBytesTheSynthRendered(t *testing.T) {
	d, client := serve(t)
	files, err := devSynth(t).Files()
	require.NoError(t, err)

	resp, err := client.Get(d.ProvisioningURL)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)

	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, files["oauth-config.json.gz"], body, "the gzip bytes as uploaded")
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	assert.Empty(t, resp.Header.Get("Content-Encoding"), "S3 and CloudFront add no Content-Encoding to the .gz object")
}

func TestConfigFetchRecordsTheAcceptEncodingSent(t *testing.T) {
	d, client := serve(t)
	// IGV's plain GET sends no Accept-Encoding; Go's transport would add gzip unless told not to.
	igv := &http.Client{Transport: client.Transport.(*http.Transport).Clone()}
	igv.Transport.(*http.Transport).DisableCompression = true
	resp, err := igv.Get(d.ProvisioningURL)
	require.NoError(t, err)
	resp.Body.Close()

	calls := d.CallsTo(http.MethodGet)
	require.Len(t, calls, 1)
	assert.Equal(t, ServiceCloudFront, calls[0].Service)
	assert.Empty(t, calls[0].Header.Values("Accept-Encoding"))
	assert.NotContains(t, calls[0].Params, "Accept-Encoding")
}

func TestCloudFrontRefusesKeysItMayNotRead(t *testing.T) {
	d, client := serve(t)
	resp, err := client.Get("https://" + mustHost(t, d.ProvisioningURL) + "/secrets.json")
	require.NoError(t, err)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	assert.Equal(t, http.StatusForbidden, resp.StatusCode)
	assert.Contains(t, string(body), "<Code>AccessDenied</Code>")
}

func TestRemovedConfigObjectIsNoLongerServed(t *testing.T) {
	d, client := serve(t)
	delete(d.ConfigObjects, "/oauth-config.json.gz")
	resp, err := client.Get(d.ProvisioningURL)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusForbidden, resp.StatusCode)
}

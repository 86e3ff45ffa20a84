package standin

import (
	"bytes"
	"compress/gzip"
	"crypto/md5"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
)

// The CloudFront distribution in front of the private config bucket, as the stack configures it:
// GET and HEAD only, the default root object oauth-config.json, a 403 from the origin for every key
// it may not read, and compression of compressible responses except for *.gz.

const defaultRootObject = "/oauth-config.json"

// cloudFrontAccessDenied is what CloudFront relays from an S3 origin behind Origin Access Control
// for a key the distribution may not read (or that does not exist: without s3:ListBucket S3 says 403).
const cloudFrontAccessDenied = `<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>`

// CloudFront compresses only responses between these sizes.
const (
	minCompressed = 1000
	maxCompressed = 10_000_000
)

func (d *Deployment) serveCloudFront(w http.ResponseWriter, r *http.Request, c *Call) {
	c.Operation = r.Method
	if ae, ok := r.Header["Accept-Encoding"]; ok {
		c.param("Accept-Encoding", ae...)
	}
	w.Header().Set("Server", "AmazonS3")
	w.Header().Set("Via", "1.1 standin.cloudfront.net (CloudFront)")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		c.Error = "MethodNotAllowed"
		w.Header().Set("X-Cache", "Error from cloudfront")
		http.Error(w, "This distribution is not configured to allow the HTTP request method that was used for this request.",
			http.StatusForbidden)
		return
	}
	path := r.URL.Path
	if path == "/" {
		path = defaultRootObject
	}
	body, ok := d.ConfigObjects[path]
	if !ok {
		c.Error = "AccessDenied"
		w.Header().Set("Content-Type", "application/xml")
		w.Header().Set("X-Cache", "Error from cloudfront")
		w.WriteHeader(http.StatusForbidden)
		if r.Method == http.MethodGet {
			_, _ = w.Write([]byte(cloudFrontAccessDenied))
		}
		return
	}
	sum := md5.Sum(body)
	h := w.Header()
	// The objects are uploaded with Content-Type application/json and no Content-Encoding, so the
	// .gz object reaches IGV as gzip bytes that IGV itself unpacks.
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "max-age=300")
	h.Set("ETag", `"`+hex.EncodeToString(sum[:])+`"`)
	h.Set("Last-Modified", created.Format(http.TimeFormat))
	h.Set("X-Cache", "Miss from cloudfront")
	if !strings.HasSuffix(path, ".gz") && acceptsGzip(r) && len(body) >= minCompressed && len(body) <= maxCompressed {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		_, _ = zw.Write(body)
		_ = zw.Close()
		body = buf.Bytes()
		h.Set("Content-Encoding", "gzip")
		h.Set("Vary", "Accept-Encoding")
	} else {
		h.Set("Accept-Ranges", "bytes")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodGet {
		_, _ = w.Write(body)
	}
}

func acceptsGzip(r *http.Request) bool {
	for _, v := range r.Header.Values("Accept-Encoding") {
		for _, enc := range strings.Split(v, ",") {
			name, _, _ := strings.Cut(strings.TrimSpace(enc), ";")
			if strings.EqualFold(name, "gzip") {
				return true
			}
		}
	}
	return false
}

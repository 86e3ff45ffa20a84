package igvfiles

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// ErrBadURL is wrapped by every ParseS3URL error.
var ErrBadURL = errors.New("not an s3://BUCKET/KEY URL")

// ParseS3URL splits s3://BUCKET/KEY into bucket and key. It is strict because
// IGV is: IGV signs requests only for URLs starting "s3://" (AmazonUtils.isAwsS3Path),
// and fetches any https:// URL, an S3 one included, without credentials. The
// key is taken verbatim, as IGV's AmazonS3URI does: no percent-decoding.
func ParseS3URL(raw string) (bucket, key string, err error) {
	rest, ok := strings.CutPrefix(raw, "s3://")
	if !ok {
		return "", "", fmt.Errorf("%w: %q %s", ErrBadURL, raw, wrongScheme(raw))
	}
	bucket, key, ok = strings.Cut(rest, "/")
	switch {
	case bucket == "":
		return "", "", fmt.Errorf("%w: %q has no bucket", ErrBadURL, raw)
	case !ok || key == "":
		return "", "", fmt.Errorf("%w: %q has no key; name an object, s3://%s/path/to/file.bam", ErrBadURL, raw, bucket)
	case strings.HasSuffix(key, "/"):
		return "", "", fmt.Errorf("%w: %q names a folder, not an object", ErrBadURL, raw)
	}
	if err := checkBucketName(bucket); err != nil {
		return "", "", fmt.Errorf("%w: %q: %w", ErrBadURL, raw, err)
	}
	return bucket, key, nil
}

// wrongScheme explains a URL that does not start with "s3://", suggesting the
// s3:// form of an https S3 URL.
func wrongScheme(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		return "does not start with s3://"
	}
	if !strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https") {
		return fmt.Sprintf("has scheme %q; IGV's S3 support takes s3:// (lower case) only", u.Scheme)
	}
	msg := "is an HTTP(S) URL, which IGV fetches without AWS credentials; IGV signs only s3:// URLs"
	if b, k, ok := bucketKeyOfHTTPS(u); ok {
		msg += fmt.Sprintf(" (use s3://%s/%s)", b, k)
	}
	return msg
}

// bucketKeyOfHTTPS reads bucket and key from a virtual-hosted
// (https://BUCKET.s3.REGION.amazonaws.com/KEY) or path-style
// (https://s3.REGION.amazonaws.com/BUCKET/KEY) S3 URL.
func bucketKeyOfHTTPS(u *url.URL) (bucket, key string, ok bool) {
	host := strings.ToLower(u.Hostname())
	if !strings.HasSuffix(host, ".amazonaws.com") {
		return "", "", false
	}
	path := strings.TrimPrefix(u.Path, "/")
	if strings.HasPrefix(host, "s3.") || strings.HasPrefix(host, "s3-") {
		bucket, key, ok = strings.Cut(path, "/")
		return bucket, key, ok && bucket != "" && key != ""
	}
	for _, sep := range []string{".s3.", ".s3-"} {
		if i := strings.Index(host, sep); i > 0 {
			return host[:i], path, path != ""
		}
	}
	return "", "", false
}

// checkBucketName applies S3's naming rules for general purpose buckets:
// 3 to 63 characters of lower-case letters, digits, dots and hyphens,
// starting and ending with a letter or digit.
func checkBucketName(b string) error {
	if len(b) < 3 || len(b) > 63 {
		return fmt.Errorf("bucket name %q is not 3 to 63 characters", b)
	}
	for _, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return fmt.Errorf("bucket name %q has %q; only lower-case letters, digits, dots and hyphens are allowed", b, c)
		}
	}
	if end := b[len(b)-1]; b[0] == '.' || b[0] == '-' || end == '.' || end == '-' {
		return fmt.Errorf("bucket name %q must start and end with a letter or digit", b)
	}
	return nil
}

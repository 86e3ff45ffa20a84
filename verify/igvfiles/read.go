package igvfiles

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// headObject is IGV's check before loading an object picked in Load from S3
// (S3LoadDialog.loadSelections, AmazonUtils.isObjectAccessible). ok is false
// when the object cannot be read at all, which ends the walk.
func (w *walker) headObject(ctx context.Context) (s Step, size int64, ok bool) {
	s.Name = "HeadObject " + w.url(w.key)
	out, err := w.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(w.bucket), Key: aws.String(w.key)})
	if err != nil {
		s.Detail = short(err) + hint(err)
		s.Err = fmt.Errorf("HeadObject %s: %w", w.url(w.key), err)
		return s, 0, false
	}
	size = aws.ToInt64(out.ContentLength)
	class := string(out.StorageClass)
	if class == "" {
		class = "STANDARD" // S3 omits the header for STANDARD
	}
	if archived(class, aws.ToString(out.Restore)) {
		s.Detail = fmt.Sprintf("storage class %s: IGV's Load from S3 refuses it", class)
		if class == "GLACIER_IR" {
			s.Detail += " (IGV treats every class containing GLACIER as archived, though S3 serves GLACIER_IR at once)"
		} else {
			s.Detail += " until it is restored"
		}
		s.Err = fmt.Errorf("%s (%s): %w", w.url(w.key), class, ErrArchived)
		return s, size, true
	}
	s.Passed = true
	s.Detail = fmt.Sprintf("%d bytes, storage class %s", size, class)
	return s, size, true
}

// archived mirrors AmazonUtils.isObjectAccessible: a storage class containing
// DEEP_ARCHIVE or GLACIER is refused unless the x-amz-restore header says a
// restored copy is available (ongoing-request="false" with an expiry date).
func archived(class, restore string) bool {
	if !strings.Contains(class, "DEEP_ARCHIVE") && !strings.Contains(class, "GLACIER") {
		return false
	}
	return !(strings.Contains(restore, `ongoing-request="false"`) && strings.Contains(restore, "expiry-date="))
}

// readHead reads the first HeadSize bytes of key with one ranged GetObject, as
// IGV reads BAM, CRAM and index files: by byte range through presigned GETs.
// size is the object's length from HeadObject; an empty object is not read,
// because S3 answers a ranged GET of zero bytes with InvalidRange.
func (w *walker) readHead(ctx context.Context, key string, size int64) (s Step, head []byte, ok bool) {
	rng := fmt.Sprintf("bytes=0-%d", HeadSize-1)
	s.Name = fmt.Sprintf("GetObject %s %s", w.url(key), rng)
	if size == 0 {
		s.Passed = true
		s.Detail = "not called: the object is empty"
		return s, nil, true
	}
	out, err := w.c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(w.bucket), Key: aws.String(key), Range: aws.String(rng)})
	if err != nil {
		s.Detail = short(err) + hint(err)
		s.Err = fmt.Errorf("GetObject %s: %w", w.url(key), err)
		return s, nil, false
	}
	defer out.Body.Close()
	// The limit guards against a server that ignores the Range header.
	head, err = io.ReadAll(io.LimitReader(out.Body, HeadSize))
	if err != nil {
		s.Detail = "reading the body: " + err.Error()
		s.Err = fmt.Errorf("GetObject %s: reading: %w", w.url(key), err)
		return s, nil, false
	}
	if size > HeadSize && out.ContentRange == nil {
		s.Detail = "the response ignored the Range header; IGV reads BAM, CRAM and indexes by byte ranges"
		s.Err = fmt.Errorf("GetObject %s: no Content-Range in the response", w.url(key))
		return s, head, true
	}
	s.Passed = true
	s.Detail = fmt.Sprintf("read %d bytes", len(head))
	if cr := aws.ToString(out.ContentRange); cr != "" {
		s.Detail += " (Content-Range: " + cr + ")"
	}
	return s, head, true
}

// fileType checks that the object is what its name says: IGV picks the reader
// from the name and fails on content of another kind.
func (w *walker) fileType(head []byte) Step {
	s := Step{Name: "file type"}
	url := w.url(w.key)
	want, named := ExpectedKind(w.key)
	got, err := Detect(head)
	switch {
	case err != nil && named:
		s.Detail = fmt.Sprintf("%s is not a %s: %v", url, want, err)
		s.Err = fmt.Errorf("%s: %w", url, err)
	case err != nil:
		s.Detail = fmt.Sprintf("%s: %v", url, err)
		s.Err = fmt.Errorf("%s: %w", url, err)
	case !named:
		s.Detail = fmt.Sprintf("%s is a %s, but IGV picks the reader from the name, which has none of %s", url, got, knownExtensions())
		s.Err = fmt.Errorf("%s: %w", url, ErrNameMismatch)
	case got.Format != want.Format:
		s.Detail = fmt.Sprintf("%s is not a %s: it is a %s", url, want, got)
		s.Err = fmt.Errorf("%s is a %s: %w", url, got, ErrNameMismatch)
	default:
		s.Passed = true
		s.Detail = fmt.Sprintf("%s is a %s", url, got)
	}
	return s
}

// knownExtensions lists the name endings ExpectedKind knows.
func knownExtensions() string {
	var list []string
	for _, e := range extensions {
		list = append(list, e.suffix)
	}
	return strings.Join(list, ", ")
}

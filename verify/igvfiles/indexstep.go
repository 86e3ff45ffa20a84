package igvfiles

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// indexFits lists, for each data format that IGV reads by region, the index
// formats that can serve it.
var indexFits = map[Format][]Format{
	BAM:   {BAI, CSI},
	CRAM:  {CRAI},
	VCFGz: {TBI, CSI},
}

// index finds the index IGV would use for a BAM, CRAM, VCF.gz or VCF and reads
// its first bytes to check its type. Index files and unnamed files get no
// index steps.
func (w *walker) index(ctx context.Context) []Step {
	data, named := ExpectedKind(w.key)
	if !named || data.Format.IsIndex() {
		return nil
	}
	s := Step{Name: "index"}
	candidates := indexCandidates(w.bucket, w.key)
	if len(candidates) == 0 {
		s.Detail = fmt.Sprintf("IGV derives no index path for %s (its suffix tests are case-sensitive) and would ask the user for one", w.url(w.key))
		s.Err = fmt.Errorf("%s: %w", w.url(w.key), ErrNoIndex)
		return []Step{s}
	}

	found, size, denied := w.firstPresent(ctx, candidates)
	if found == "" {
		tried := w.urls(candidates)
		if data.Format == VCF {
			// An uncompressed VCF is read whole; a Tribble index only speeds it up.
			s.Passed = true
			s.Detail = fmt.Sprintf("no Tribble index (tried %s); IGV reads the whole VCF", tried)
			return []Step{s}
		}
		s.Detail = fmt.Sprintf("none of the index files IGV looks for exists (tried %s), so IGV cannot open the file by region", tried)
		s.Err = fmt.Errorf("%s: tried %s: %w", w.url(w.key), tried, ErrNoIndex)
		if denied != nil {
			s.Detail += "; " + short(denied) + hint(denied)
			s.Err = fmt.Errorf("%w: %w", s.Err, denied)
		}
		var others []string
		for _, k := range selectableIndexes(data.Format, w.key) {
			if !slices.Contains(candidates, k) && !slices.Contains(others, k) {
				others = append(others, k)
			}
		}
		if present := w.present(ctx, others); len(present) > 0 {
			s.Detail += fmt.Sprintf("; %s exists, which IGV uses only if the user selects it together with the data file in Load from S3", w.urls(present))
		}
		return []Step{s}
	}

	s.Passed = true
	s.Detail = "IGV would use " + w.url(found)
	if data.Format == VCF {
		return []Step{s} // a Tribble .idx, which Detect does not read
	}
	get, head, ok := w.readHead(ctx, found, size)
	if !ok {
		return []Step{s, get}
	}
	return []Step{s, get, w.indexType(data.Format, found, head)}
}

// indexType checks that the index is what its name says and that it can
// serve the data file.
func (w *walker) indexType(data Format, key string, head []byte) Step {
	// fileType judges the walker's key: judge the index's instead.
	ix := &walker{c: w.c, bucket: w.bucket, key: key}
	s := ix.fileType(head)
	s.Name = "index file type"
	if !s.Passed {
		return s
	}
	got, _ := Detect(head)
	if !slices.Contains(indexFits[data], got.Format) {
		s.Passed = false
		s.Detail = fmt.Sprintf("IGV would read %s as the %s's index, but it is a %s", ix.url(key), data, got)
		s.Err = fmt.Errorf("%s: %w", ix.url(key), ErrNameMismatch)
	}
	return s
}

// firstPresent returns the first key that HeadObject finds, and its size. IGV
// treats any failure as absence, but a failure other than "not found" is kept
// to explain it.
func (w *walker) firstPresent(ctx context.Context, keys []string) (key string, size int64, failure error) {
	for _, k := range keys {
		out, err := w.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(w.bucket), Key: aws.String(k)})
		if err == nil {
			return k, aws.ToInt64(out.ContentLength), nil
		}
		if !isNotFound(err) && failure == nil {
			failure = fmt.Errorf("HeadObject %s: %w", w.url(k), err)
		}
	}
	return "", 0, failure
}

// present returns the keys that HeadObject finds.
func (w *walker) present(ctx context.Context, keys []string) []string {
	var found []string
	for _, k := range keys {
		if _, err := w.c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(w.bucket), Key: aws.String(k)}); err == nil {
			found = append(found, k)
		}
	}
	return found
}

// urls lists keys as s3:// URLs.
func (w *walker) urls(keys []string) string {
	list := make([]string, len(keys))
	for i, k := range keys {
		list[i] = w.url(k)
	}
	return strings.Join(list, ", ")
}

package igvfiles

import (
	"errors"
	"strings"
	"testing"
)

func TestParseS3URLSplitsBucketAndKey(t *testing.T) {
	bucket, key, err := ParseS3URL("s3://igv-data-eu/cohort 1/NA12878.final.bam")
	if err != nil || bucket != "igv-data-eu" || key != "cohort 1/NA12878.final.bam" {
		t.Errorf("ParseS3URL = %q, %q, %v", bucket, key, err)
	}
}

func TestParseS3URLRejectsWhatIGVWouldNotSign(t *testing.T) {
	for raw, want := range map[string]string{
		"https://igv-data-eu.s3.eu-west-2.amazonaws.com/a/x.bam": "use s3://igv-data-eu/a/x.bam",
		"https://s3.eu-west-2.amazonaws.com/igv-data-eu/a/x.bam": "use s3://igv-data-eu/a/x.bam",
		"https://example.org/x.bam":                              "fetches without AWS credentials",
		"S3://igv-data-eu/x.bam":                                 "s3:// (lower case) only",
		"igv-data-eu/x.bam":                                      "does not start with s3://",
		"s3://igv-data-eu":                                       "has no key",
		"s3://igv-data-eu/":                                      "has no key",
		"s3:///x.bam":                                            "has no bucket",
		"s3://igv-data-eu/a/":                                    "names a folder",
		"s3://IGV_Data/x.bam":                                    "only lower-case letters",
		"s3://ab/x.bam":                                          "3 to 63 characters",
		"s3://-igv/x.bam":                                        "start and end with a letter or digit",
	} {
		_, _, err := ParseS3URL(raw)
		if !errors.Is(err, ErrBadURL) || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseS3URL(%q) error = %v; want one saying %q", raw, err, want)
		}
	}
}

package policies

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDocumentsRoundTripThroughJSON(t *testing.T) {
	docs := []Document{
		IdentityPoolTrust("eu-west-2:0f4a6c1e-8b0b-4c8e-9d61-2d5b5f0c9a11"),
		ListAllBuckets(),
		BucketPolicy("b", CloudFrontRead("b", "arn:aws:cloudfront::123456789012:distribution/E1", "k1", "k2")),
	}
	for _, d := range docs {
		s, err := d.JSON()
		require.NoError(t, err)
		back, err := Parse(s)
		require.NoError(t, err)
		assert.Equal(t, d, back)
	}
}

func TestMarshallingDoesNotEscapeHTMLCharacters(t *testing.T) {
	s := New(Statement{Effect: Allow, Action: Values{"s3:GetObject"}, Resource: Values{"arn:aws:s3:::b/a&b<c>*"}}).MustJSON()
	assert.Contains(t, s, `a&b<c>*`, "IAM would store \\u0026 literally")
}

func TestSameGrantsInAnyOrderGiveTheSameDocuments(t *testing.T) {
	a := []Grant{{Bucket: "x-data"}, {Bucket: "y-data", Prefixes: []string{"b/", "a/"}}, {Bucket: "z-data", KMSKeyARN: "arn:aws:kms:eu-west-2:123456789012:key/k"}}
	b := []Grant{a[2], {Bucket: "y-data", Prefixes: []string{"a/", "b/"}}, a[0]}
	da, err := DataAccess(a, 1)
	require.NoError(t, err)
	db, err := DataAccess(b, 1)
	require.NoError(t, err)
	assert.Equal(t, da[0].Document.MustJSON(), db[0].Document.MustJSON())
}

func TestSizeIgnoresWhitespaceAsIAMDoes(t *testing.T) {
	assert.Equal(t, 7, Size("{ \"a\":\n 1 }"))
}

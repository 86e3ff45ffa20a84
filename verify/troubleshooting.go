package verify

// Entry is a row of the README's Troubleshooting table, named by its symptom column exactly as the README
// writes it, so that an admin finds it with a search. A test keeps every Entry in the README.
type Entry string

// The README entries a failed step can point to.
const (
	EntryConfigUnreadable  Entry = "IGV cannot read the provisioning URL (\"error loading OAuth config\", or nothing happens on Amazon > Login)"
	EntryStaleConfig       Entry = "IGV keeps using an old or wrong config"
	EntryRedirectMismatch  Entry = "The sign-in page shows `redirect_mismatch` (or an error page instead of the sign-in form)"
	EntryInvalidScope      Entry = "Login page errors with `invalid_scope`"
	EntryClassicFlow       Entry = "`Basic (classic) flow is not enabled, please use enhanced flow`"
	EntryNotSupported      Entry = "`Token is not from a supported provider of this identity pool`"
	EntryGuestsAllowed     Entry = "`verify` says guests are allowed"
	EntryDrift             Entry = "`verify` reports drift from what the stack sets"
	EntryIDTokenJSON       Entry = "IGV logs \"error in parsing JSON\" after login and gets no AWS credentials"
	EntrySessionName       Entry = "`AccessDenied` from STS, session name invalid"
	EntryAssumeRoleDenied  Entry = "`AccessDenied` from STS: not authorized to perform sts:AssumeRoleWithWebIdentity"
	EntryAccessDenied      Entry = "IGV shows `Access Denied` opening a file, or a bucket is empty in Amazon > Load from S3"
	EntryRoleTooBroad      Entry = "`verify` says the role may write, delete, or read outside the granted prefixes"
	EntryTierLeak          Entry = "`verify` says a tier's role can read another tier's bucket"
	EntryBucketRegion      Entry = "One bucket fails with `PermanentRedirect` or `AuthorizationHeaderMalformed`"
	EntryPublicObject      Entry = "`verify` says an anonymous GET read a data object"
	EntryCallbackPortTaken Entry = "`verify -login` says the callback port is taken"
	EntryCallbackPort      Entry = "After login the browser cannot reach `localhost:60151/oauthCallback` (or IGV never notices the login)"
	EntryWrongFile         Entry = "IGV cannot open a file, or finds no index"
	EntryFolderTooBig      Entry = "IGV hangs in the S3 browser"
	EntryVerifyAccess      Entry = "`verify` fails with `AccessDenied` on its own calls"
)

// Entries lists every Entry, for the README test.
var Entries = []Entry{
	EntryConfigUnreadable, EntryStaleConfig, EntryRedirectMismatch, EntryInvalidScope, EntryClassicFlow,
	EntryNotSupported, EntryGuestsAllowed, EntryDrift, EntryIDTokenJSON, EntrySessionName, EntryAssumeRoleDenied,
	EntryAccessDenied, EntryRoleTooBroad, EntryTierLeak, EntryBucketRegion, EntryPublicObject, EntryCallbackPortTaken,
	EntryCallbackPort, EntryWrongFile, EntryFolderTooBig, EntryVerifyAccess,
}

// Package igvlogin performs IGV desktop's OAuth 2.0 login (authorization code with PKCE) the way IGV
// 2.17 to 3.0 does it, so that a check passes only when IGV's own login would.
//
// Every behaviour is taken from IGV's source (github.com/igvteam/igv; package org.broad.igv up to
// 2.19, org.igv from 3.0) and the comments name the file and method. The parts that matter:
//
//   - OAuthProvider.openAuthorizationPage builds the authorize URL by string concatenation
//     (AuthorizeURL) and hands it to java.net.URI, which throws on raw spaces;
//   - batch.CommandListener, IGV's port listener, takes the browser's callback on the redirect URI's port
//     and path and shows a one-line page;
//   - OAuthProvider.fetchAccessToken posts the code to the token endpoint (HttpUtils.doPost: a form body
//     whose values are not encoded; never HTTP Basic) and needs access_token, refresh_token and expires_in;
//   - util.JWTParser.getPayload decodes the id token's payload with Java's standard (not URL-safe) Base64
//     decoder, and util.AmazonUtils takes the Logins key from iss and the STS RoleSessionName from email.
package igvlogin

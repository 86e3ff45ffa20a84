// Package invitation renders the email (and SMS) Cognito sends a new user when the stack sends through
// SES: the templates in this directory, with the IGV version users need, where to get it, and the
// provisioning URL to paste. Cognito allows a custom invitation email only with SES (DEVELOPER) sending;
// without it the stack sends Cognito's default invitation, which says nothing about IGV.
package invitation

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"strings"
	textTemplate "text/template"
)

// Limits of Cognito's MessageTemplateType (API reference), and the placeholders every invitation
// message must carry: Cognito replaces them with the username and the temporary password.
const (
	MaxEmailMessage = 20000
	MaxEmailSubject = 140
	MaxSMSMessage   = 140
	Username        = "{username}"
	Password        = "{####}"
)

// What users need (igv-contract.md, section 6).
const (
	IGVVersion  = "2.17"
	DownloadURL = "https://igv.org"
)

var (
	//go:embed invitation.html
	emailSource string
	//go:embed subject.txt
	subjectSource string
	//go:embed sms.txt
	smsSource string

	emailTemplate = template.Must(template.New("invitation.html").Parse(emailSource))
	smsTemplate   = textTemplate.Must(textTemplate.New("sms.txt").Parse(smsSource))
)

// Values fill the templates.
type Values struct {
	// ProvisioningURL is the URL users paste into IGV; empty when not known, and the email then tells
	// users to ask for it.
	ProvisioningURL string
	// Port is the IGV port the URL's config serves (its redirect_uris[0]). Optional, default 60151.
	Port int
}

// DefaultPort is IGV's default OAuth callback port.
const DefaultPort = 60151

// Message is an invitation as Cognito's InviteMessageTemplate takes it.
type Message struct {
	Subject string
	Email   string // HTML that reads as text too: a few tags, no entities
	SMS     string
}

// Render fills the templates and checks the result against Cognito's limits.
func Render(v Values) (Message, error) {
	if v.Port == 0 {
		v.Port = DefaultPort
	}
	data := struct {
		Values
		IGVVersion, DownloadURL string
	}{v, IGVVersion, DownloadURL}
	var email, sms bytes.Buffer
	if err := emailTemplate.Execute(&email, data); err != nil {
		return Message{}, fmt.Errorf("invitation email: %w", err)
	}
	if err := smsTemplate.Execute(&sms, data); err != nil {
		return Message{}, fmt.Errorf("invitation SMS: %w", err)
	}
	m := Message{
		Subject: strings.TrimSpace(subjectSource),
		Email:   strings.TrimSpace(email.String()),
		SMS:     strings.TrimSpace(sms.String()),
	}
	return m, m.check()
}

func (m Message) check() error {
	var problems []string
	for _, part := range []struct {
		name, text string
		max        int
		needs      []string
	}{
		{"email", m.Email, MaxEmailMessage, []string{Username, Password}},
		{"subject", m.Subject, MaxEmailSubject, nil},
		{"SMS", m.SMS, MaxSMSMessage, []string{Username, Password}},
	} {
		if n := len([]rune(part.text)); n > part.max || n == 0 {
			problems = append(problems, fmt.Sprintf("the %s has %d characters; Cognito takes 1 to %d", part.name, n, part.max))
		}
		for _, p := range part.needs {
			if !strings.Contains(part.text, p) {
				problems = append(problems, fmt.Sprintf("the %s lacks the placeholder %s", part.name, p))
			}
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("invitation: %s", strings.Join(problems, "; "))
	}
	return nil
}

package invitation

import (
	"os"
	"strings"
	"testing"
)

const url = "https://d1a2b3c4d5e6f7.cloudfront.net/oauth-config.json.gz"

func render(t *testing.T, v Values) Message {
	t.Helper()
	m, err := Render(v)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestEveryMessageCarriesTheUsernameAndTemporaryPassword(t *testing.T) {
	m := render(t, Values{ProvisioningURL: url})
	for name, text := range map[string]string{"email": m.Email, "SMS": m.SMS} {
		for _, p := range []string{Username, Password} {
			if !strings.Contains(text, p) {
				t.Errorf("the %s lacks %s, which Cognito requires", name, p)
			}
		}
	}
}

func TestMessagesFitCognitosLimits(t *testing.T) {
	// The longest URL CloudFront or a custom domain could give.
	long := "https://" + strings.Repeat("a", 63) + "." + strings.Repeat("b", 63) + ".example.org/port-65535/oauth-config.json.gz"
	for _, v := range []Values{{}, {ProvisioningURL: url}, {ProvisioningURL: long}} {
		m := render(t, v)
		for _, c := range []struct {
			name string
			text string
			max  int
		}{{"email", m.Email, MaxEmailMessage}, {"subject", m.Subject, MaxEmailSubject}, {"SMS", m.SMS, MaxSMSMessage}} {
			if n := len([]rune(c.text)); n < 6 && c.name != "subject" || n > c.max {
				t.Errorf("the %s has %d characters; Cognito takes up to %d", c.name, n, c.max)
			}
		}
	}
}

func TestTheProvisioningURLIsInTheEmailExactlyWhenKnown(t *testing.T) {
	if m := render(t, Values{ProvisioningURL: url}); !strings.Contains(m.Email, url) {
		t.Errorf("the email lacks the provisioning URL:\n%s", m.Email)
	}
	m := render(t, Values{})
	if strings.Contains(m.Email, "https://d") || strings.Contains(m.Email, "paste ,") {
		t.Errorf("without a URL the email must not show one:\n%s", m.Email)
	}
	if !strings.Contains(m.Email, "the URL your administrator gives you") {
		t.Errorf("without a URL the email tells users to ask for it:\n%s", m.Email)
	}
}

func TestTheEmailTellsWhichIGVToInstallAndWhere(t *testing.T) {
	m := render(t, Values{ProvisioningURL: url})
	for _, want := range []string{"IGV " + IGVVersion + " or later", DownloadURL} {
		if !strings.Contains(m.Email, want) {
			t.Errorf("the email lacks %q", want)
		}
	}
}

// The email walks users through the README's "What an IGV user does", step by step.
func TestTheEmailGivesTheREADMEsFourSteps(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(readme)
	section = section[strings.Index(section, "## What an IGV user does"):]
	section = section[:strings.Index(section, "\n## ")]
	m := render(t, Values{ProvisioningURL: url})
	for _, step := range []string{"OAuth provisioning URL", "Amazon > Login", "File > Load from URL", "Amazon > Load from S3"} {
		if !strings.Contains(section, step) {
			t.Fatalf("the README's user steps no longer mention %q: update the invitation with them", step)
		}
		if !strings.Contains(m.Email, step) {
			t.Errorf("the email lacks the step %q", step)
		}
	}
	for i := 1; i <= 4; i++ {
		if !strings.Contains(m.Email, string(rune('0'+i))+". ") {
			t.Errorf("the email lacks step %d", i)
		}
	}
}

// Plain-text mail clients show the HTML as it is: it must read as text, without entities or nesting.
func TestTheEmailReadsAsPlainTextToo(t *testing.T) {
	m := render(t, Values{ProvisioningURL: url})
	stripped := m.Email
	for _, tag := range []string{"<p>", "</p>", "<br>"} {
		stripped = strings.ReplaceAll(stripped, tag, "")
	}
	if strings.ContainsAny(stripped, "<&") {
		t.Errorf("the email holds markup beyond <p> and <br>, or entities:\n%s", m.Email)
	}
}

func TestRenderingIsDeterministic(t *testing.T) {
	if a, b := render(t, Values{ProvisioningURL: url}), render(t, Values{ProvisioningURL: url}); a != b {
		t.Error("two renders differ")
	}
}

// The URL in the email is the first callback port's: the email names that port.
func TestTheEmailNamesThePortItsURLServes(t *testing.T) {
	if m := render(t, Values{ProvisioningURL: url, Port: 60200}); !strings.Contains(m.Email, "another port than 60200") {
		t.Errorf("the email does not name port 60200:\n%s", m.Email)
	}
	if m := render(t, Values{ProvisioningURL: url}); !strings.Contains(m.Email, "another port than 60151") {
		t.Errorf("the email does not name IGV's default port:\n%s", m.Email)
	}
}

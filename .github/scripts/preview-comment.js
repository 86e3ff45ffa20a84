// Posts the `pulumi preview` output of one stack as a pull-request comment, or edits the comment an
// earlier push created, found by a hidden marker. GitHub refuses comments over 65,536 characters, so a
// longer preview is cut from the front (its summary is at the end) with a note: never a failed job.
//
// Used from .github/workflows/pull-request.yml through actions/github-script; reads STACK, OUTCOME
// and PREVIEW_FILE from the environment.
const fs = require('fs');

const LIMIT = 60000; // leaves room for the heading and the note

module.exports = async ({ github, context }) => {
  const stack = process.env.STACK;
  const outcome = process.env.OUTCOME;
  const marker = `<!-- igv-aws-backend preview: ${stack} -->`;
  let output = '';
  try {
    output = fs.readFileSync(process.env.PREVIEW_FILE, 'utf8');
  } catch (e) {
    output = `(no preview output: ${e.message})`;
  }

  const runUrl = `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`;
  let note = '';
  if (output.length > LIMIT) {
    const cut = output.length - LIMIT;
    output = output.slice(cut);
    note = `\n> The preview was ${cut + LIMIT} characters long; the first ${cut} are cut here. ` +
      `The full output is in the [job log](${runUrl}) and its \`preview-${stack}\` artifact.\n`;
  }
  const icon = outcome === 'success' ? ':white_check_mark:' : ':x:';
  const body = [
    marker,
    `### ${icon} \`pulumi preview\` of stack **${stack}** (${outcome})`,
    note,
    '<details open><summary>Plan</summary>',
    '',
    '```',
    output.trimEnd(),
    '```',
    '</details>',
    '',
    `Commit ${context.sha.slice(0, 7)}. The IAM documents and the IGV config of this change are in the diff of \`tests/testdata/\`.`,
  ].join('\n');

  const { owner, repo } = context.repo;
  const issue_number = context.issue.number;
  const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
  const mine = comments.find((c) => c.user && c.user.type === 'Bot' && c.body && c.body.startsWith(marker));
  if (mine) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
  } else {
    await github.rest.issues.createComment({ owner, repo, issue_number, body });
  }
};

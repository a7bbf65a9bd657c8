/* The reference marker of article text: asks for the number of an entry in
   the article's references and inserts "[N]" linked to it. */
(function () {
  const React = window.React;
  const { EditorState, Modifier } = window.DraftJS;

  class ReferenceSource extends React.Component {
    componentDidMount() {
      const { editorState, entityType, onComplete } = this.props;
      const answer = window.prompt('Number of the reference to cite (its place in the References list)');
      const number = (answer || '').trim();
      if (!/^[1-9][0-9]*$/.test(number)) {
        onComplete(editorState);
        return;
      }
      const content = editorState
        .getCurrentContent()
        .createEntity(entityType.type, 'IMMUTABLE', { number: number });
      const entityKey = content.getLastCreatedEntityKey();
      const withMarker = Modifier.replaceText(
        content,
        editorState.getSelection(),
        `[${number}]`,
        null,
        entityKey,
      );
      onComplete(EditorState.push(editorState, withMarker, 'insert-characters'));
    }

    render() {
      return null;
    }
  }

  function Reference(props) {
    const { number } = props.contentState.getEntity(props.entityKey).getData();
    return React.createElement(
      'sup',
      { className: 'reference-marker', title: `Reference ${number}` },
      props.children,
    );
  }

  window.draftail.registerPlugin(
    { type: 'REFERENCE', source: ReferenceSource, decorator: Reference },
    'entityTypes',
  );
})();
